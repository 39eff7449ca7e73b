// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for numbers and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/partnerFeedbackObjectInfo.json');
const mockDirections = require('./data/directionPicklistValues.json');

// What each user reads, written out so a wrong translation or number format fails here
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Giv partnerfeedback',
    submit: 'Indsend',
    tooFewScores: 'Vurdér mindst tre af de fem dimensioner, før feedbacken indsendes.',
    fourOfFive: '4 af 5',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '提交合作伙伴反馈',
    submit: '提交',
    tooFewScores: '提交此反馈前，请至少为五个维度中的三个评分。',
    fourOfFive: '4 分（满分 5 分）',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'تقديم ملاحظات الشراكة',
    submit: 'إرسال',
    tooFewScores: 'قيّم ثلاثة أبعاد على الأقل من الأبعاد الخمسة قبل إرسال هذه الملاحظات.',
    fourOfFive: '٤ من ٥',
  },
];

describe.each(USERS)('c-partner-feedback-form for a $language user', (expected) => {
  const { PartnerFeedbackForm, createRecord, getObjectInfo, getPicklistValues, labels } = loadAsUser(
    expected.language,
    () => ({
      PartnerFeedbackForm: require('c/partnerFeedbackForm').default,
      createRecord: require('lightning/uiRecordApi').createRecord,
      ...require('lightning/uiObjectInfoApi'),
    })
  );

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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe(expected.submit);
    expect(element.shadowRoot.querySelector('button.save-draft').textContent.trim()).toBe(
      labels.get('Glocal_Feedback_Save_Draft')
    );
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.querySelector('legend').textContent).toBe(
      labels.get('Glocal_Feedback_Scores_Legend')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`explains a refused submit in ${expected.language}`, async () => {
    const element = await renderForm();
    element.shadowRoot
      .querySelector('lightning-radio-group.direction')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Company to Partner' } }));
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('.problems li').textContent).toBe(expected.tooFewScores);
  });

  it(`names each rating value in ${expected.language} for screen readers`, async () => {
    const element = await renderForm();
    const rating = element.shadowRoot
      .querySelector('c-feedback-scores')
      .shadowRoot.querySelector('c-rating-input[data-name="Trust__c"]');
    const options = rating.shadowRoot.querySelectorAll('[role="radio"]');
    expect(options[0].getAttribute('aria-label')).toBe(labels.get('Glocal_Rating_Not_Rated'));
    expect(options[4].getAttribute('aria-label')).toBe(expected.fourOfFive);
  });

  it(`lays the form out ${expected.dir}`, async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.feedback-form').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderForm();
      element.shadowRoot.querySelector('button.submit').click();
      await Promise.resolve();
      await expect(element).toBeAccessible();
    });
  }
});
