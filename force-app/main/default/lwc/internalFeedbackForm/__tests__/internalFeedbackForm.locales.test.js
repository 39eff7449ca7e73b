// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml and the
// user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');

// What each user reads, written out so a wrong translation fails here
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Vurdér denne enhed som intern kunde',
    submit: 'Indsend',
    ratingUnitRequired: 'Vælg den enhed, der giver denne vurdering.',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '以内部客户身份评价此部门',
    submit: '提交',
    ratingUnitRequired: '请选择代表哪个部门进行此评价。',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'قيّم هذه الوحدة بصفتك عميلًا داخليًا',
    submit: 'إرسال',
    ratingUnitRequired: 'اختر الوحدة التي تقدّم هذا التقييم باسمها.',
  },
];

describe.each(USERS)('c-internal-feedback-form for a $language user', (expected) => {
  const { InternalFeedbackForm, createRecord, getObjectInfo, labels } = loadAsUser(expected.language, () => ({
    InternalFeedbackForm: require('c/internalFeedbackForm').default,
    createRecord: require('lightning/uiRecordApi').createRecord,
    getObjectInfo: require('lightning/uiObjectInfoApi').getObjectInfo,
  }));

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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe(expected.submit);
    expect(element.shadowRoot.querySelector('lightning-input.period').messageWhenPatternMismatch).toBe(
      labels.get('Glocal_Internal_Period_Format')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`explains what is missing in ${expected.language}`, async () => {
    const element = await renderForm();
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    const problems = Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);
    expect(problems).toEqual([expected.ratingUnitRequired, labels.get('Glocal_Internal_Csat_Required')]);
  });

  it(`lays the form out ${expected.dir}`, async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.internal-form').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderForm();
      await expect(element).toBeAccessible();
    });
  }
});
