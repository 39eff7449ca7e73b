// Runs as a da user: labels from translations/da.translation-meta.xml, da locale and direction.
import '../../../../../test/l10n/da';
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackForm from 'c/internalFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');
const LABELS = labelsFor('da');

describe('c-internal-feedback-form for a da user', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 13, 12));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  async function renderForm() {
    const element = createElement('c-internal-feedback-form', { is: InternalFeedbackForm });
    element.recordId = 'a07000000000001AAA';
    document.body.appendChild(element);
    getObjectInfo.emit(mockObjectInfo);
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Vurdér denne enhed som intern kunde');
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe('Indsend');
    expect(element.shadowRoot.querySelector('lightning-input.period').messageWhenPatternMismatch).toBe(
      LABELS.get('Glocal_Internal_Period_Format')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('explains what is missing in da', async () => {
    const element = await renderForm();
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    const problems = Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);
    expect(problems).toEqual([
      'Vælg den enhed, der giver denne vurdering.',
      LABELS.get('Glocal_Internal_Csat_Required'),
    ]);
  });

  it('lays the form out ltr', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.internal-form').getAttribute('dir')).toBe('ltr');
  });
});
