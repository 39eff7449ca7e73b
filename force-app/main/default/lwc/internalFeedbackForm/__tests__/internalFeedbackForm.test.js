// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackForm from 'c/internalFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

// Realistic UI API response
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');

const RATED_UNIT_ID = 'a07000000000001AAA';
const RATING_UNIT_ID = 'a07000000000003AAA';

describe('c-internal-feedback-form', () => {
  beforeEach(() => {
    // Friday 13 November 2026: the fourth quarter
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 13, 12));
  });

  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  // Helper function to wait until the microtask queue is empty.
  async function flushPromises() {
    return Promise.resolve();
  }

  async function renderForm() {
    const element = createElement('c-internal-feedback-form', { is: InternalFeedbackForm });
    element.recordId = RATED_UNIT_ID;
    document.body.appendChild(element);
    // Emit data from @wire
    getObjectInfo.emit(mockObjectInfo);
    await flushPromises();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  // The dimension ratings live in the c-feedback-scores child.
  const scores = (element) => $(element, 'c-feedback-scores').shadowRoot;
  const ratingOf = (element, name) => scores(element).querySelector(`c-rating-input[data-name="${name}"]`);
  const change = (target, detail) => target.dispatchEvent(new CustomEvent('change', { detail }));
  const problemsOf = (element) =>
    Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);

  describe('UI API @wire data', () => {
    it('labels the fields from UI API and proposes the current quarter', async () => {
      const element = await renderForm();
      expect($(element, 'lightning-record-picker.rating-unit').label).toBe('Rating Unit');
      expect($(element, 'lightning-record-picker.rating-unit').objectApiName).toBe('Service_Unit__c');
      // The picker does not offer the rated unit itself
      expect($(element, 'lightning-record-picker.rating-unit').filter).toEqual({
        criteria: [{ fieldPath: 'Id', operator: 'ne', value: RATED_UNIT_ID }],
      });
      expect($(element, 'lightning-input.period').value).toBe('2026-Q4');
      expect($(element, 'c-rating-input.csat').label).toBe('Overall Satisfaction (CSAT)');
      expect($(element, 'c-rating-input.csat').required).toBe(true);
      expect(scores(element).querySelectorAll('c-rating-input.score')).toHaveLength(5);
    });
  });

  describe('submit', () => {
    it('creates the feedback with exactly the fields filled in', async () => {
      createRecord.mockResolvedValue({ id: 'a08000000000001AAA' });
      const element = await renderForm();
      const toastHandler = jest.fn();
      element.addEventListener('lightning__showtoast', toastHandler);
      change($(element, 'lightning-record-picker.rating-unit'), { recordId: RATING_UNIT_ID });
      change(ratingOf(element, 'Communication__c'), { name: 'Communication__c', value: 4 });
      change(ratingOf(element, 'Cultural_Understanding__c'), {
        name: 'Cultural_Understanding__c',
        value: 2,
      });
      change($(element, 'c-rating-input.csat'), { name: 'CSAT__c', value: 4 });
      change($(element, 'lightning-textarea.comments'), {
        value: 'Tickets are solved fast, but the Danish store layouts are not understood.',
      });
      await flushPromises();
      $(element, 'button.submit').click();
      await flushPromises();
      await flushPromises();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Internal_Feedback__c',
        fields: {
          Rated_Unit__c: RATED_UNIT_ID,
          Rating_Unit__c: RATING_UNIT_ID,
          Period__c: '2026-Q4',
          CSAT__c: 4,
          Status__c: 'Submitted',
          Communication__c: 4,
          Cultural_Understanding__c: 2,
          Comments__c: 'Tickets are solved fast, but the Danish store layouts are not understood.',
        },
      });
      expect(toastHandler).toHaveBeenCalledTimes(1);
      expect($(element, 'c-rating-input.csat').value).toBeNull();
    });

    it('checks rating unit, period and CSAT before asking the org', async () => {
      const element = await renderForm();
      change($(element, 'lightning-input.period'), { value: '2026-4' });
      $(element, 'button.submit').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      expect(problemsOf(element)).toEqual([
        'c.Glocal_Internal_Rating_Unit_Required',
        'c.Glocal_Internal_Period_Format',
        'c.Glocal_Internal_Csat_Required',
      ]);
    });

    it('refuses a unit rating itself', async () => {
      const element = await renderForm();
      change($(element, 'lightning-record-picker.rating-unit'), { recordId: RATED_UNIT_ID });
      change($(element, 'c-rating-input.csat'), { name: 'CSAT__c', value: 5 });
      $(element, 'button.submit').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      expect(problemsOf(element)).toEqual(['c.Glocal_Internal_Not_Own_Unit']);
    });

    it("shows the org's message when it refuses the feedback", async () => {
      createRecord.mockRejectedValue({
        body: {
          output: {
            errors: [],
            fieldErrors: {
              Period__c: [{ message: 'Enter the period as year and quarter, for example 2026-Q3.' }],
            },
          },
        },
      });
      const element = await renderForm();
      change($(element, 'lightning-record-picker.rating-unit'), { recordId: RATING_UNIT_ID });
      change($(element, 'c-rating-input.csat'), { name: 'CSAT__c', value: 3 });
      $(element, 'button.submit').click();
      await flushPromises();
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_Feedback_Save_Error');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toBe(
        'Enter the period as year and quarter, for example 2026-Q3.'
      );
    });
  });

  describe('getObjectInfo @wire error', () => {
    it('shows the error panel', async () => {
      const element = createElement('c-internal-feedback-form', { is: InternalFeedbackForm });
      element.recordId = RATED_UNIT_ID;
      document.body.appendChild(element);
      getObjectInfo.error({ message: 'Insufficient access' });
      await flushPromises();
      expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Glocal_Feedback_Load_Error');
    });
  });

  it('is accessible', async () => {
    const element = await renderForm();
    await expect(element).toBeAccessible();
  });
});
