// Runs as a ar user: labels from translations/ar.translation-meta.xml, ar locale and direction.
import '../../../../../test/l10n/ar';
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackSummary from 'c/internalFeedbackSummary';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockUnit = require('./data/unitItServiceDesk.json');
const mockAverages = require('./data/itServiceDeskAverages.json');
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');
const LABELS = labelsFor('ar');

describe('c-internal-feedback-summary for a ar user', () => {
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

  it('shows the labels of the translation file with ar numbers', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('رضا العملاء الداخليين');
    expect(element.shadowRoot.querySelector('.csat__value').textContent).toBe('٧٩٫٢٪؜');
    expect(element.shadowRoot.querySelector('.satisfied-count').textContent).toBe('١٩ من أصل ٢٤ من الردود راضية');
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe('البُعد الأضعف: Cultural Understanding (٣٫٢)');
    expect(element.shadowRoot.querySelector('c-svg-chart').caption).toBe(LABELS.get('Glocal_Internal_Chart_Caption'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('lays the summary out rtl', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('.summary').getAttribute('dir')).toBe('rtl');
  });

  it('is accessible right to left', async () => {
    const element = await renderSummary();
    await expect(element).toBeAccessible();
  });
});
