import { createElement } from '@lwc/engine-dom';
import RatingInput from 'c/ratingInput';

describe('c-rating-input', () => {
  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  // Helper function to wait until the microtask queue is empty.
  async function flushPromises() {
    return Promise.resolve();
  }

  function renderRating(props = {}) {
    const element = createElement('c-rating-input', { is: RatingInput });
    Object.assign(element, { label: 'Trust', name: 'Trust__c', ...props });
    document.body.appendChild(element);
    const changes = [];
    element.addEventListener('change', (event) => changes.push(event.detail));
    return { element, changes };
  }

  const radios = (element) => Array.from(element.shadowRoot.querySelectorAll('[role="radio"]'));
  const checked = (element) => radios(element).find((radio) => radio.getAttribute('aria-checked') === 'true');
  const key = (target, name) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));

  it('is a labelled radio group with "not rated" and 1–5 when optional', () => {
    const { element } = renderRating();
    const group = element.shadowRoot.querySelector('[role="radiogroup"]');
    const legend = element.shadowRoot.querySelector('legend');
    expect(group.getAttribute('aria-labelledby')).toBe(legend.id);
    expect(legend.textContent.trim()).toBe('Trust');
    expect(radios(element).map((radio) => radio.dataset.value)).toEqual(['', '1', '2', '3', '4', '5']);
    expect(radios(element).map((radio) => radio.getAttribute('aria-label'))).toEqual([
      'c.Glocal_Rating_Not_Rated',
      'c.Glocal_Rating_Value_Of',
      'c.Glocal_Rating_Value_Of',
      'c.Glocal_Rating_Value_Of',
      'c.Glocal_Rating_Value_Of',
      'c.Glocal_Rating_Value_Of',
    ]);
    // One tab stop: the "not rated" choice while nothing is rated
    expect(radios(element).map((radio) => radio.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1', '-1']);
  });

  it('offers only 1–5 and marks itself required when required', () => {
    const { element } = renderRating({ required: true });
    expect(radios(element).map((radio) => radio.dataset.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(element.shadowRoot.querySelector('[role="radiogroup"]').getAttribute('aria-required')).toBe('true');
  });

  it('selects with a click and fires change with the number', async () => {
    const { element, changes } = renderRating();
    radios(element)[4].click();
    await flushPromises();
    expect(changes).toEqual([{ name: 'Trust__c', value: 4 }]);
    expect(checked(element).dataset.value).toBe('4');
    expect(checked(element).getAttribute('tabindex')).toBe('0');
    // Values up to the chosen one are filled, as on a scale
    expect(radios(element).map((radio) => radio.classList.contains('rating__option_filled'))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('moves and selects with the arrow keys, Home and End, and keeps focus on the choice', async () => {
    const { element, changes } = renderRating({ value: 3 });
    key(checked(element), 'ArrowRight');
    await flushPromises();
    expect(checked(element).dataset.value).toBe('4');
    expect(element.shadowRoot.activeElement).toBe(checked(element));
    key(checked(element), 'ArrowUp');
    await flushPromises();
    expect(checked(element).dataset.value).toBe('3');
    key(checked(element), 'End');
    await flushPromises();
    expect(checked(element).dataset.value).toBe('5');
    key(checked(element), 'ArrowDown');
    await flushPromises();
    // Wraps around to "not rated"
    expect(checked(element).dataset.value).toBe('');
    key(checked(element), 'Home');
    await flushPromises();
    expect(changes.map((change) => change.value)).toEqual([4, 3, 5, null]);
  });

  it('ignores other keys and a disabled input', async () => {
    const { element, changes } = renderRating({ value: 2, disabled: true });
    radios(element)[5].click();
    key(radios(element)[2], 'ArrowRight');
    await flushPromises();
    expect(changes).toEqual([]);
    expect(radios(element).every((radio) => radio.getAttribute('tabindex') === '-1')).toBe(true);
  });

  it('is accessible', async () => {
    const { element } = renderRating({ value: 4, fieldLevelHelp: '1 = poor, 5 = excellent' });
    await expect(element).toBeAccessible();
  });
});
