// Runs as a zh_CN user: labels from translations/zh_CN.translation-meta.xml, zh_CN locale and direction.
import '../../../../../test/l10n/zh_CN';
import { createElement } from '@lwc/engine-dom';
import TrainingTracker from 'c/trainingTracker';
import { graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockRecords = require('./data/trainingRecordsDenmark.json');
const mockFirstOfTwoPages = require('./data/trainingRecordsFirstOfTwoPages.json');
const mockObjectInfo = require('./data/trainingRecordObjectInfo.json');
const LABELS = labelsFor('zh_CN');
const recordsWire = (config) => config.operationName === 'GlocalTrainingRecords';

describe('c-training-tracker for a zh_CN user', () => {
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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('团队培训');
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.mark-completed').textContent.trim()).toBe('标记为已完成');
    expect(rows[0].querySelector('.overdue').textContent.trim()).toBe('已逾期');
    expect(rows[1].querySelector('.certificate .slds-badge').textContent).toBe(
      LABELS.get('Glocal_Training_Cert_Expiring')
    );
    expect(element.shadowRoot.querySelector('lightning-input.filter-expiring').label).toBe(
      LABELS.get('Glocal_Training_Expiring_Within')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('writes dates and numbers the zh_CN way', async () => {
    const element = await renderTracker();
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.due-on').textContent).toBe('2026年11月10日');
    expect(rows[1].querySelector('.cert-until').textContent).toContain('2026年12月20日');
    expect(rows[3].querySelector('.score').textContent).toBe('91.5');
  });

  it('counts records and pages in zh_CN', async () => {
    const element = await renderTracker(mockFirstOfTwoPages);
    expect(element.shadowRoot.querySelector('.record-count').textContent.trim()).toBe('共 63 条记录');
    expect(element.shadowRoot.querySelector('.page-text').textContent).toBe('第 1 页，共 2 页');
  });

  it("shows the org's refusal next to the record, under a zh_CN heading", async () => {
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
    expect(panel.friendlyMessage).toBe(LABELS.get('Glocal_Training_Save_Error'));
    expect(panel.shadowRoot.textContent).toContain('Org message in the user language');
  });

  it('lays the tracker out ltr', async () => {
    const element = await renderTracker();
    expect(element.shadowRoot.querySelector('.tracker').getAttribute('dir')).toBe('ltr');
  });
});
