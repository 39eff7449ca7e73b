import { createElement } from '@lwc/engine-dom';
import ErrorPanel from 'c/errorPanel';

describe('c-error-panel', () => {
  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function renderPanel(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  it('announces the default message from its label', () => {
    const element = renderPanel({});
    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert.querySelector('.friendly-message').textContent).toBe('c.Glocal_Error_Generic');
    expect(element.shadowRoot.querySelector('.messages')).toBeNull();
  });

  it("lists the org's messages under the friendly message", () => {
    const element = renderPanel({
      friendlyMessage: 'The training record was not saved.',
      errors: { body: { output: { errors: [{ message: 'Score must be from 0 to 100.' }], fieldErrors: {} } } },
    });
    expect(element.shadowRoot.querySelector('.friendly-message').textContent).toBe(
      'The training record was not saved.'
    );
    const items = Array.from(element.shadowRoot.querySelectorAll('.messages li')).map((li) => li.textContent);
    expect(items).toEqual(['Score must be from 0 to 100.']);
  });

  it('is accessible', async () => {
    const element = renderPanel({ errors: [{ message: 'Insufficient access' }] });
    await expect(element).toBeAccessible();
  });
});
