// Runs as a zh_CN user: labels from translations/zh_CN.translation-meta.xml, zh_CN locale and direction.
import '../../../../../test/l10n/zh_CN';
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackSummary from 'c/internalFeedbackSummary';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockUnit = require('./data/unitItServiceDesk.json');
const mockAverages = require('./data/itServiceDeskAverages.json');
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');
const LABELS = labelsFor('zh_CN');

describe('c-internal-feedback-summary for a zh_CN user', () => {
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

  it('shows the labels of the translation file with zh_CN numbers', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('内部客户满意度');
    expect(element.shadowRoot.querySelector('.csat__value').textContent).toBe('79.2%');
    expect(element.shadowRoot.querySelector('.satisfied-count').textContent).toBe('24 份反馈中有 19 份表示满意');
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe(
      '最薄弱的维度：Cultural Understanding（3.2）'
    );
    expect(element.shadowRoot.querySelector('c-svg-chart').caption).toBe(LABELS.get('Glocal_Internal_Chart_Caption'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('lays the summary out ltr', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('.summary').getAttribute('dir')).toBe('ltr');
  });
});
