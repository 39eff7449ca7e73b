// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import PartnerFeedbackForm from 'c/partnerFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

// Realistic UI API responses
const mockObjectInfo = require('./data/partnerFeedbackObjectInfo.json');
const mockDirections = require('./data/directionPicklistValues.json');

const REVIEW_ID = 'a05000000000001AAA';

describe('c-partner-feedback-form', () => {
  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  // Helper function to wait until the microtask queue is empty.
  async function flushPromises() {
    return Promise.resolve();
  }

  async function renderForm() {
    const element = createElement('c-partner-feedback-form', { is: PartnerFeedbackForm });
    element.recordId = REVIEW_ID;
    document.body.appendChild(element);
    // Emit data from @wire
    getObjectInfo.emit(mockObjectInfo);
    await flushPromises();
    getPicklistValues.emit(mockDirections);
    await flushPromises();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  // The dimension ratings live in the c-feedback-scores child.
  const scores = (element) => $(element, 'c-feedback-scores').shadowRoot;
  const ratingOf = (element, name) => scores(element).querySelector(`c-rating-input[data-name="${name}"]`);
  const change = (target, detail) => target.dispatchEvent(new CustomEvent('change', { detail }));

  async function rate(element, name, value) {
    change(ratingOf(element, name), { name, value });
    await flushPromises();
  }

  async function fillCompanyToPartner(element) {
    change($(element, 'lightning-radio-group.direction'), { value: 'Company to Partner' });
    await rate(element, 'Communication__c', 4);
    await rate(element, 'Trust__c', 5);
    await rate(element, 'Cultural_Understanding__c', 3);
    change($(element, 'lightning-input.recommend'), { value: '9' });
    change($(element, 'lightning-textarea.strengths'), { value: '  Quick escalations in the Aarhus store.  ' });
    change($(element, 'lightning-textarea.action-items'), { value: 'Joint onboarding for new agents in Q4.' });
    await flushPromises();
  }

  describe('UI API @wire data', () => {
    it('offers the translated directions and a rating per dimension with its help text', async () => {
      const element = await renderForm();
      const direction = $(element, 'lightning-radio-group.direction');
      expect(direction.label).toBe('Direction');
      expect(direction.options).toEqual([
        { label: 'Company → Partner', value: 'Company to Partner' },
        { label: 'Partner → Company', value: 'Partner to Company' },
      ]);
      const ratings = Array.from(scores(element).querySelectorAll('c-rating-input'));
      expect(ratings.map((rating) => rating.label)).toEqual([
        'Communication',
        'Trust',
        'Collaboration',
        'Cultural Understanding',
        'Continuous Improvement',
      ]);
      expect(ratings[1].fieldLevelHelp).toBe('Keeping commitments and confidentiality (1–5).');
      expect($(element, 'lightning-input.recommend').label).toBe('Likelihood to Recommend');
      expect(getPicklistValues.getLastConfig()).toEqual({
        recordTypeId: '012000000000000AAA',
        fieldApiName: { objectApiName: 'Partner_Feedback__c', fieldApiName: 'Direction__c' },
      });
    });
  });

  describe('submit', () => {
    it('creates the feedback with exactly the fields filled in', async () => {
      createRecord.mockResolvedValue({ id: 'a06000000000001AAA' });
      const element = await renderForm();
      const toastHandler = jest.fn();
      element.addEventListener('lightning__showtoast', toastHandler);
      await fillCompanyToPartner(element);
      $(element, 'button.submit').click();
      await flushPromises();
      await flushPromises();
      expect(createRecord).toHaveBeenCalledTimes(1);
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Partner_Feedback__c',
        fields: {
          Partner_Review__c: REVIEW_ID,
          Direction__c: 'Company to Partner',
          Status__c: 'Submitted',
          Communication__c: 4,
          Trust__c: 5,
          Cultural_Understanding__c: 3,
          Recommend__c: 9,
          Strengths__c: 'Quick escalations in the Aarhus store.',
          Action_Items__c: 'Joint onboarding for new agents in Q4.',
        },
      });
      expect(toastHandler).toHaveBeenCalledTimes(1);
      expect(toastHandler.mock.calls[0][0].detail).toEqual({
        title: 'c.Glocal_Feedback_Saved_Toast',
        variant: 'success',
      });
      // The form starts over for the next feedback
      expect($(element, 'lightning-radio-group.direction').value).toBe('');
      expect(ratingOf(element, 'Trust__c').value).toBeNull();
    });

    it('saves a draft with fewer than three ratings', async () => {
      const element = await renderForm();
      change($(element, 'lightning-radio-group.direction'), { value: 'Partner to Company' });
      await rate(element, 'Trust__c', 2);
      $(element, 'button.save-draft').click();
      await flushPromises();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Partner_Feedback__c',
        fields: {
          Partner_Review__c: REVIEW_ID,
          Direction__c: 'Partner to Company',
          Status__c: 'Draft',
          Trust__c: 2,
        },
      });
    });

    it('leaves out a rating that was cleared again', async () => {
      const element = await renderForm();
      await fillCompanyToPartner(element);
      await rate(element, 'Collaboration__c', 2);
      await rate(element, 'Collaboration__c', null);
      $(element, 'button.submit').click();
      await flushPromises();
      expect(Object.keys(createRecord.mock.calls[0][0].fields)).not.toContain('Collaboration__c');
    });
  });

  describe("the org's rules, checked before saving", () => {
    it('asks for three ratings before submitting', async () => {
      const element = await renderForm();
      change($(element, 'lightning-radio-group.direction'), { value: 'Company to Partner' });
      await rate(element, 'Communication__c', 4);
      await rate(element, 'Trust__c', 5);
      $(element, 'button.submit').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      const problems = Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);
      expect(problems).toEqual(['c.Glocal_Feedback_Three_Scores']);
    });

    it('asks for a direction and a recommendation from 0 to 10', async () => {
      const element = await renderForm();
      await rate(element, 'Communication__c', 4);
      await rate(element, 'Trust__c', 5);
      await rate(element, 'Collaboration__c', 4);
      change($(element, 'lightning-input.recommend'), { value: '11' });
      $(element, 'button.submit').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      const problems = Array.from(element.shadowRoot.querySelectorAll('.problems li')).map((li) => li.textContent);
      expect(problems).toEqual(['c.Glocal_Feedback_Direction_Required', 'c.Glocal_Feedback_Recommend_Range']);
    });

    it("shows the org's message when it refuses the feedback", async () => {
      createRecord.mockRejectedValue({
        body: {
          message: 'An error occurred while trying to update the record. Please try again.',
          output: {
            errors: [],
            fieldErrors: {
              Direction__c: [
                {
                  errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                  field: 'Direction__c',
                  message: 'As a partner you can only give feedback in the direction Partner → Company.',
                },
              ],
            },
          },
        },
      });
      const element = await renderForm();
      await fillCompanyToPartner(element);
      $(element, 'button.submit').click();
      await flushPromises();
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_Feedback_Save_Error');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toBe(
        'As a partner you can only give feedback in the direction Partner → Company.'
      );
      // What the user typed stays for a second attempt
      expect($(element, 'lightning-textarea.strengths').value).toBe('  Quick escalations in the Aarhus store.  ');
    });
  });

  describe('getObjectInfo @wire error', () => {
    it('shows the error panel', async () => {
      const element = createElement('c-partner-feedback-form', { is: PartnerFeedbackForm });
      element.recordId = REVIEW_ID;
      document.body.appendChild(element);
      getObjectInfo.error({ message: 'Insufficient access to Partner_Feedback__c' });
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_Feedback_Load_Error');
      expect(element.shadowRoot.querySelector('button.submit')).toBeNull();
    });
  });

  it('is accessible', async () => {
    const element = await renderForm();
    await expect(element).toBeAccessible();
  });

  it('is accessible while it lists problems', async () => {
    const element = await renderForm();
    $(element, 'button.submit').click();
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
