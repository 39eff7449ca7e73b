// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for numbers and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockUnit = require('./data/unitItServiceDesk.json');
const mockAverages = require('./data/itServiceDeskAverages.json');
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');

// What each user reads, written out so a wrong translation or number format fails here;
// invisible characters of the formats (no-break space, Arabic letter mark) as escapes
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Intern kundetilfredshed',
    csat: '79,2\u00a0%',
    satisfiedCount: '19 af 24 besvarelser tilfredse',
    weakest: 'Svageste dimension: Cultural Understanding (3,2)',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '内部客户满意度',
    csat: '79.2%',
    satisfiedCount: '24 份反馈中有 19 份表示满意',
    weakest: '最薄弱的维度：Cultural Understanding（3.2）',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'رضا العملاء الداخليين',
    csat: '٧٩٫٢٪\u061c',
    satisfiedCount: '١٩ من أصل ٢٤ من الردود راضية',
    weakest: 'البُعد الأضعف: Cultural Understanding (٣٫٢)',
  },
];

describe.each(USERS)('c-internal-feedback-summary for a $language user', (expected) => {
  const { InternalFeedbackSummary, graphql, getRecord, getObjectInfo, labels } = loadAsUser(expected.language, () => ({
    InternalFeedbackSummary: require('c/internalFeedbackSummary').default,
    graphql: require('lightning/graphql').graphql,
    getRecord: require('lightning/uiRecordApi').getRecord,
    getObjectInfo: require('lightning/uiObjectInfoApi').getObjectInfo,
  }));

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  async function renderSummary() {
    const element = createElement('c-internal-feedback-summary', { is: InternalFeedbackSummary });
    element.recordId = mockUnit.id;
    document.body.appendChild(element);
    await Promise.resolve();
    getRecord.emit(mockUnit);
    getObjectInfo.emit(mockObjectInfo);
    graphql.emit(mockAverages, (config) => config.operationName === 'GlocalInternalAverages');
    await Promise.resolve();
    return element;
  }

  it(`shows the labels of the translation file with ${expected.language} numbers`, async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    expect(element.shadowRoot.querySelector('.csat__value').textContent).toBe(expected.csat);
    expect(element.shadowRoot.querySelector('.satisfied-count').textContent).toBe(expected.satisfiedCount);
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe(expected.weakest);
    expect(element.shadowRoot.querySelector('c-svg-chart').caption).toBe(labels.get('Glocal_Internal_Chart_Caption'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`lays the summary out ${expected.dir}`, async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('.summary').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderSummary();
      await expect(element).toBeAccessible();
    });
  }
});
