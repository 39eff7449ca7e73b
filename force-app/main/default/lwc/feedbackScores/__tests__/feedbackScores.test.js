import { createElement } from '@lwc/engine-dom';
import FeedbackScores, { dimensionRatings, scoredDimensions } from 'c/feedbackScores';

// Schema imports are plain { objectApiName, fieldApiName } objects.
const TRUST = { objectApiName: 'Partner_Feedback__c', fieldApiName: 'Trust__c' };
const COMMUNICATION = { objectApiName: 'Partner_Feedback__c', fieldApiName: 'Communication__c' };

describe('c-feedback-scores', () => {
  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function render(dimensions) {
    const element = createElement('c-feedback-scores', { is: FeedbackScores });
    element.legend = 'Scores';
    element.dimensions = dimensions;
    document.body.appendChild(element);
    return element;
  }

  it('shows one rating per dimension under the legend', () => {
    const element = render(
      dimensionRatings(
        [COMMUNICATION, TRUST],
        { Trust__c: { label: 'Trust', inlineHelpText: 'Keeping commitments (1–5).' } },
        { Trust__c: 4 }
      )
    );
    expect(element.shadowRoot.querySelector('legend').textContent).toBe('Scores');
    const ratings = Array.from(element.shadowRoot.querySelectorAll('c-rating-input'));
    // A field the object info does not describe falls back to its API name.
    expect(ratings.map((rating) => [rating.name, rating.label, rating.value])).toEqual([
      ['Communication__c', 'Communication__c', null],
      ['Trust__c', 'Trust', 4],
    ]);
    expect(ratings[1].fieldLevelHelp).toBe('Keeping commitments (1–5).');
  });

  it("passes a rating's change on to the form", () => {
    const element = render(dimensionRatings([TRUST], {}, {}));
    const handler = jest.fn();
    element.addEventListener('change', handler);
    element.shadowRoot
      .querySelector('c-rating-input[data-name="Trust__c"]')
      .dispatchEvent(new CustomEvent('change', { detail: { name: 'Trust__c', value: 5 } }));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ name: 'Trust__c', value: 5 });
  });

  it('keeps only the scored dimensions for the record', () => {
    expect(scoredDimensions([COMMUNICATION, TRUST], { Communication__c: null, Trust__c: 3 })).toEqual({
      Trust__c: 3,
    });
    expect(scoredDimensions([COMMUNICATION, TRUST], {})).toEqual({});
  });

  it('is accessible', async () => {
    const element = render(dimensionRatings([COMMUNICATION, TRUST], {}, {}));
    await Promise.resolve();
    await expect(element).toBeAccessible();
  });
});
