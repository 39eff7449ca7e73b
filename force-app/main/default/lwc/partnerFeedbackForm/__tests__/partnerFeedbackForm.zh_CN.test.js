// Runs as a zh_CN user: labels from translations/zh_CN.translation-meta.xml, zh_CN locale and direction.
import '../../../../../test/l10n/zh_CN';
import { createElement } from '@lwc/engine-dom';
import PartnerFeedbackForm from 'c/partnerFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/partnerFeedbackObjectInfo.json');
const mockDirections = require('./data/directionPicklistValues.json');
const LABELS = labelsFor('zh_CN');

describe('c-partner-feedback-form for a zh_CN user', () => {
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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('提交合作伙伴反馈');
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe('提交');
    expect(element.shadowRoot.querySelector('button.save-draft').textContent.trim()).toBe(
      LABELS.get('Glocal_Feedback_Save_Draft')
    );
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.querySelector('legend').textContent).toBe(
      LABELS.get('Glocal_Feedback_Scores_Legend')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('explains a refused submit in zh_CN', async () => {
    const element = await renderForm();
    element.shadowRoot
      .querySelector('lightning-radio-group.direction')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Company to Partner' } }));
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('.problems li').textContent).toBe(
      '提交此反馈前，请至少为五个维度中的三个评分。'
    );
  });

  it('names each rating value in zh_CN for screen readers', async () => {
    const element = await renderForm();
    const rating = element.shadowRoot
      .querySelector('c-feedback-scores')
      .shadowRoot.querySelector('c-rating-input[data-name="Trust__c"]');
    const options = rating.shadowRoot.querySelectorAll('[role="radio"]');
    expect(options[0].getAttribute('aria-label')).toBe(LABELS.get('Glocal_Rating_Not_Rated'));
    expect(options[4].getAttribute('aria-label')).toBe('4 分（满分 5 分）');
  });

  it('lays the form out ltr', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.feedback-form').getAttribute('dir')).toBe('ltr');
  });
});
