// Runs as a zh_CN user: labels from translations/zh_CN.translation-meta.xml, zh_CN locale and direction.
import '../../../../../test/l10n/zh_CN';
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackForm from 'c/internalFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');
const LABELS = labelsFor('zh_CN');

describe('c-internal-feedback-form for a zh_CN user', () => {
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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('以内部客户身份评价此部门');
    expect(element.shadowRoot.querySelector('button.submit').textContent.trim()).toBe('提交');
    expect(element.shadowRoot.querySelector('lightning-input.period').messageWhenPatternMismatch).toBe(
      LABELS.get('Glocal_Internal_Period_Format')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    expect(element.shadowRoot.querySelector('c-feedback-scores').shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('explains what is missing in zh_CN', async () => {
    const element = await renderForm();
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord).not.toHaveBeenCalled();
    const problems = Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);
    expect(problems).toEqual(['请选择代表哪个部门进行此评价。', LABELS.get('Glocal_Internal_Csat_Required')]);
  });

  it('lays the form out ltr', async () => {
    const element = await renderForm();
    expect(element.shadowRoot.querySelector('.internal-form').getAttribute('dir')).toBe('ltr');
  });
});
