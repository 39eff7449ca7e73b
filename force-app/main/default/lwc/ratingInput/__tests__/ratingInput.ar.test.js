// As an Arabic user: right-to-left arrows, Arabic digits and labels from translations/ar.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const { RatingInput } = loadAsUser('ar', () => ({ RatingInput: require('c/ratingInput').default }));

describe('c-rating-input for an ar user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('moves forward with the left arrow and names the values in Arabic', async () => {
    const element = createElement('c-rating-input', { is: RatingInput });
    Object.assign(element, { label: 'الثقة', name: 'Trust__c', value: 2 });
    document.body.appendChild(element);
    const radios = () => Array.from(element.shadowRoot.querySelectorAll('[role="radio"]'));
    expect(radios()[0].getAttribute('aria-label')).toBe('بدون تقييم');
    expect(radios()[3].getAttribute('aria-label')).toBe('٣ من ٥');
    expect(radios()[3].textContent).toBe('٣');
    const checked = () => radios().find((radio) => radio.getAttribute('aria-checked') === 'true');
    checked().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await Promise.resolve();
    expect(checked().dataset.value).toBe('3');
    checked().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await Promise.resolve();
    expect(checked().dataset.value).toBe('2');
  });
});
