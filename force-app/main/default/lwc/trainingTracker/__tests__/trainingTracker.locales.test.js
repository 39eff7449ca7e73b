// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for dates and numbers and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockRecords = require('./data/trainingRecordsDenmark.json');
const mockFirstOfTwoPages = require('./data/trainingRecordsFirstOfTwoPages.json');
const mockObjectInfo = require('./data/trainingRecordObjectInfo.json');
const recordsWire = (config) => config.operationName === 'GlocalTrainingRecords';

// What each user reads, written out so a wrong translation or date format fails here;
// the Arabic dates carry right-to-left marks (\u200f) after day and month
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Teamets kurser',
    markCompleted: 'Markér som gennemført',
    overdue: 'Overskredet',
    dueOn: '10. nov. 2026',
    certUntil: '20. dec. 2026',
    score: '91,5',
    recordCount: '63 poster',
    pageText: 'Side 1 af 2',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '团队培训',
    markCompleted: '标记为已完成',
    overdue: '已逾期',
    dueOn: '2026年11月10日',
    certUntil: '2026年12月20日',
    score: '91.5',
    recordCount: '共 63 条记录',
    pageText: '第 1 页，共 2 页',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'تدريب الفريق',
    markCompleted: 'وضع علامة كمكتمل',
    overdue: 'متأخر',
    dueOn: '١٠\u200f/١١\u200f/٢٠٢٦',
    certUntil: '٢٠\u200f/١٢\u200f/٢٠٢٦',
    score: '٩١٫٥',
    recordCount: 'عدد السجلات: ٦٣',
    pageText: 'الصفحة ١ من ٢',
  },
];

describe.each(USERS)('c-training-tracker for a $language user', (expected) => {
  const { TrainingTracker, graphql, updateRecord, getObjectInfo, labels } = loadAsUser(expected.language, () => ({
    TrainingTracker: require('c/trainingTracker').default,
    graphql: require('lightning/graphql').graphql,
    updateRecord: require('lightning/uiRecordApi').updateRecord,
    getObjectInfo: require('lightning/uiObjectInfoApi').getObjectInfo,
  }));

  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 10, 30));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  async function renderTracker(records = mockRecords) {
    const element = createElement('c-training-tracker', { is: TrainingTracker });
    element.recordId = 'a01000000000001AAA';
    document.body.appendChild(element);
    await Promise.resolve();
    getObjectInfo.emit(mockObjectInfo);
    graphql.emit(records, recordsWire);
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderTracker();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.mark-completed').textContent.trim()).toBe(expected.markCompleted);
    expect(rows[0].querySelector('.overdue').textContent.trim()).toBe(expected.overdue);
    expect(rows[1].querySelector('.certificate .slds-badge').textContent).toBe(
      labels.get('Glocal_Training_Cert_Expiring')
    );
    expect(element.shadowRoot.querySelector('lightning-input.filter-expiring').label).toBe(
      labels.get('Glocal_Training_Expiring_Within')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`writes dates and numbers the ${expected.language} way`, async () => {
    const element = await renderTracker();
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.due-on').textContent).toBe(expected.dueOn);
    expect(rows[1].querySelector('.cert-until').textContent).toContain(expected.certUntil);
    expect(rows[3].querySelector('.score').textContent).toBe(expected.score);
  });

  it(`counts records and pages in ${expected.language}`, async () => {
    const element = await renderTracker(mockFirstOfTwoPages);
    expect(element.shadowRoot.querySelector('.record-count').textContent.trim()).toBe(expected.recordCount);
    expect(element.shadowRoot.querySelector('.page-text').textContent).toBe(expected.pageText);
  });

  it(`shows the org's refusal next to the record, under a ${expected.language} heading`, async () => {
    updateRecord.mockRejectedValue({
      body: { output: { errors: [{ message: 'Org message in the user language' }], fieldErrors: {} } },
    });
    const element = await renderTracker();
    element.shadowRoot.querySelector('.mark-completed').click();
    await Promise.resolve();
    element.shadowRoot
      .querySelector('lightning-input.edit-score')
      .dispatchEvent(new CustomEvent('change', { detail: { value: '85' } }));
    element.shadowRoot.querySelector('button.save').click();
    await Promise.resolve();
    await Promise.resolve();
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe(labels.get('Glocal_Training_Save_Error'));
    expect(panel.shadowRoot.textContent).toContain('Org message in the user language');
  });

  it(`lays the tracker out ${expected.dir}`, async () => {
    const element = await renderTracker();
    expect(element.shadowRoot.querySelector('.tracker').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderTracker();
      await expect(element).toBeAccessible();
    });
  }
});
