// Runs as a ar user: labels from translations/ar.translation-meta.xml, ar locale and direction.
import '../../../../../test/l10n/ar';
import { createElement } from '@lwc/engine-dom';
import PartnerFeedbackForm from 'c/partnerFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/partnerFeedbackObjectInfo.json');
const mockDirections = require('./data/directionPicklistValues.json');
const LABELS = labelsFor('ar');

describe('c-partner-feedback-form for a ar user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  async function renderForm() {
    const element = createElement('c-partner-feedback-form', { is: PartnerFeedbackForm });
    element.recordId = 'a05000000000001AAA';
    document.body.appendChild(element);
    getObjectInfo.emit(mockObjectInfo);
    await Promise.resolve();
    getPicklistValues.emit(mockDirections);
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('تقديم ملاحظات الشراكة');
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe('إرسال');
    expect(element.shadowRoot.querySelector('button.save-draft').textContent.trim()).toBe(
      LABELS.get('Glocal_Feedback_Save_Draft')
    );
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.querySelector('legend').textContent).toBe(
      LABELS.get('Glocal_Feedback_Scores_Legend')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('explains a refused submit in ar', async () => {
    const element = await renderForm();
    element.shadowRoot
      .querySelector('lightning-radio-group.direction')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Company to Partner' } }));
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('.problems li').textContent).toBe(
      'قيّم ثلاثة أبعاد على الأقل من الأبعاد الخمسة قبل إرسال هذه الملاحظات.'
    );
  });

  it('names each rating value in ar for screen readers', async () => {
    const element = await renderForm();
    const rating = element.shadowRoot
      .querySelector('c-feedback-scores')
      .shadowRoot.querySelector('c-rating-input[data-name="Trust__c"]');
    const options = rating.shadowRoot.querySelectorAll('[role="radio"]');
    expect(options[0].getAttribute('aria-label')).toBe(LABELS.get('Glocal_Rating_Not_Rated'));
    expect(options[4].getAttribute('aria-label')).toBe('٤ من ٥');
  });

  it('lays the form out rtl', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.feedback-form').getAttribute('dir')).toBe('rtl');
  });

  it('is accessible right to left', async () => {
    const element = await renderForm();
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    await expect(element).toBeAccessible();
  });
});
