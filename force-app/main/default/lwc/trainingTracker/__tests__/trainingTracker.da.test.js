// Runs as a da user: labels from translations/da.translation-meta.xml, da locale and direction.
import '../../../../../test/l10n/da';
import { createElement } from '@lwc/engine-dom';
import TrainingTracker from 'c/trainingTracker';
import { graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockRecords = require('./data/trainingRecordsDenmark.json');
const mockFirstOfTwoPages = require('./data/trainingRecordsFirstOfTwoPages.json');
const mockObjectInfo = require('./data/trainingRecordObjectInfo.json');
const LABELS = labelsFor('da');
const recordsWire = (config) => config.operationName === 'GlocalTrainingRecords';

describe('c-training-tracker for a da user', () => {
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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Teamets kurser');
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.mark-completed').textContent.trim()).toBe('Markér som gennemført');
    expect(rows[0].querySelector('.overdue').textContent.trim()).toBe('Overskredet');
    expect(rows[1].querySelector('.certificate .slds-badge').textContent).toBe(
      LABELS.get('Glocal_Training_Cert_Expiring')
    );
    expect(element.shadowRoot.querySelector('lightning-input.filter-expiring').label).toBe(
      LABELS.get('Glocal_Training_Expiring_Within')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('writes dates and numbers the da way', async () => {
    const element = await renderTracker();
    const rows = element.shadowRoot.querySelectorAll('tr.record-row');
    expect(rows[0].querySelector('.due-on').textContent).toBe('10. nov. 2026');
    expect(rows[1].querySelector('.cert-until').textContent).toContain('20. dec. 2026');
    expect(rows[3].querySelector('.score').textContent).toBe('91,5');
  });

  it('counts records and pages in da', async () => {
    const element = await renderTracker(mockFirstOfTwoPages);
    expect(element.shadowRoot.querySelector('.record-count').textContent.trim()).toBe('63 poster');
    expect(element.shadowRoot.querySelector('.page-text').textContent).toBe('Side 1 af 2');
  });

  it("shows the org's refusal next to the record, under a da heading", async () => {
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
