// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import TrainingTracker from 'c/trainingTracker';
import { graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

// Realistic UI API and GraphQL responses
const mockRecords = require('./data/trainingRecordsDenmark.json');
const mockFirstOfTwoPages = require('./data/trainingRecordsFirstOfTwoPages.json');
const mockSecondOfTwoPages = require('./data/trainingRecordsSecondOfTwoPages.json');
const mockNoRecords = require('./data/trainingRecordsEmpty.json');
const mockCourses = require('./data/activeCourses.json');
const mockObjectInfo = require('./data/trainingRecordObjectInfo.json');
const mockStatusValues = require('./data/statusPicklistValues.json');

const MARKET_ID = 'a01000000000001AAA';
// Sunday 22 November 2026, 10:30 UTC; the test user is in New York (America/New_York)
const NOW = Date.UTC(2026, 10, 22, 10, 30);

const recordsWire = (config) => config.operationName === 'GlocalTrainingRecords';
const coursesWire = (config) => config.operationName === 'GlocalActiveCourses';

describe('c-training-tracker', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
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

  async function renderTracker(records = mockRecords, recordId = MARKET_ID) {
    const element = createElement('c-training-tracker', { is: TrainingTracker });
    element.recordId = recordId;
    document.body.appendChild(element);
    // The records wire gets its config (with variables) in the next microtask
    await flushPromises();
    // Emit data from @wire
    getObjectInfo.emit(mockObjectInfo);
    getPicklistValues.emit(mockStatusValues);
    graphql.emit(mockCourses, coursesWire);
    graphql.emit(records, recordsWire);
    await flushPromises();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
  const lastVariables = () => graphql.getLastConfig().variables;

  describe('graphql @wire data', () => {
    it("asks for the market's records, 50 at a time", async () => {
      await renderTracker();
      // The courses wire was created first; the records wire was last configured
      expect(lastVariables()).toEqual({ where: { Market__c: { eq: MARKET_ID } }, first: 50, after: null });
    });

    it("asks for the records of the user's own markets on the app home", async () => {
      await renderTracker(mockRecords, null);
      expect(lastVariables().where).toEqual({ Is_My_Market__c: { eq: true } });
    });

    it('shows status, due date, result, score and certificate for each record', async () => {
      const element = await renderTracker();
      const rows = $$(element, 'tr.record-row');
      expect(rows).toHaveLength(4);
      expect(rows.map((row) => row.querySelector('.participant').textContent.trim())).toEqual([
        'Mette Hansen',
        'Lars Nielsen',
        'Sofie Jensen',
        'Anders Berg',
      ]);
      expect(rows[0].querySelector('.due-on').textContent).toBe('Nov 10, 2026');
      expect(rows[1].querySelector('.score').textContent).toBe('88');
      expect(rows[3].querySelector('.score').textContent).toBe('91.5');
      expect(rows[1].querySelector('.result').textContent).toBe('Pass');
      const headers = $$(element, 'thead th').map((th) => th.textContent);
      expect(headers).toEqual([
        'c.Glocal_Training_Participant',
        'Course',
        'Status',
        'Due On',
        'Result',
        'Score',
        'Certificate Status',
        'c.Glocal_Training_Actions',
      ]);
    });

    it('highlights overdue records and expiring certificates', async () => {
      const element = await renderTracker();
      const rows = $$(element, 'tr.record-row');
      expect(rows[0].classList).toContain('record-row_overdue');
      expect(rows[0].querySelector('.overdue').textContent.trim()).toBe('c.Glocal_Training_Overdue');
      expect(rows[1].classList).toContain('record-row_expiring');
      expect(rows[1].querySelector('.certificate .slds-badge').classList).toContain('slds-theme_warning');
      expect(rows[1].querySelector('.certificate .slds-badge').textContent).toBe('c.Glocal_Training_Cert_Expiring');
      expect(rows[3].querySelector('.certificate .slds-badge').classList).toContain('slds-theme_success');
      expect(rows[2].querySelector('.certificate .slds-badge')).toBeNull();
      // Completed records offer no "mark completed"
      expect(rows.map((row) => !!row.querySelector('.mark-completed'))).toEqual([true, false, true, false]);
    });

    it('offers the translated status values and the active courses as filters', async () => {
      const element = await renderTracker();
      const statusOptions = $(element, 'lightning-combobox.filter-status').options;
      expect(statusOptions.map((option) => option.value)).toEqual([
        '',
        'Assigned',
        'In Progress',
        'Completed',
        'Failed',
        'Withdrawn',
      ]);
      expect(statusOptions[0].label).toBe('c.Glocal_Training_All');
      const courseOptions = $(element, 'lightning-combobox.filter-course').options;
      expect(courseOptions[2]).toEqual({
        label: 'Cross-Cultural Communication Essentials',
        value: 'a02000000000002AAA',
      });
      expect(getPicklistValues.getLastConfig()).toEqual({
        recordTypeId: '012000000000000AAA',
        fieldApiName: { objectApiName: 'Training_Record__c', fieldApiName: 'Status__c' },
      });
    });
  });

  describe('filters', () => {
    it('filters by status', async () => {
      const element = await renderTracker();
      $(element, 'lightning-combobox.filter-status').dispatchEvent(
        new CustomEvent('change', { detail: { value: 'In Progress' } })
      );
      await flushPromises();
      expect(lastVariables().where).toEqual({
        and: [{ Market__c: { eq: MARKET_ID } }, { Status__c: { eq: 'In Progress' } }],
      });
    });

    it('filters by course and by certificates expiring within N days', async () => {
      const element = await renderTracker();
      $(element, 'lightning-combobox.filter-course').dispatchEvent(
        new CustomEvent('change', { detail: { value: 'a02000000000002AAA' } })
      );
      $(element, 'lightning-input.filter-expiring').dispatchEvent(
        new CustomEvent('change', { detail: { value: '30' } })
      );
      await flushPromises();
      expect(lastVariables().where).toEqual({
        and: [
          { Market__c: { eq: MARKET_ID } },
          { Course__c: { eq: 'a02000000000002AAA' } },
          { Cert_Expires_On__c: { gte: { value: '2026-11-22' }, lte: { value: '2026-12-22' } } },
        ],
      });
    });

    it('says that no record matches when a filter leaves nothing', async () => {
      const element = await renderTracker();
      $(element, 'lightning-combobox.filter-status').dispatchEvent(
        new CustomEvent('change', { detail: { value: 'Withdrawn' } })
      );
      graphql.emit(mockNoRecords, recordsWire);
      await flushPromises();
      expect($(element, '.empty').textContent.trim()).toBe('c.Glocal_Training_Empty_Filtered');
    });
  });

  describe('paging', () => {
    it('pages past 50 records with the cursor and back again', async () => {
      const element = await renderTracker(mockFirstOfTwoPages);
      expect($(element, '.page-text').textContent).toBe('c.Glocal_Training_Page_Of');
      expect($(element, '.previous-page').disabled).toBe(true);
      $(element, '.next-page').click();
      await flushPromises();
      expect(lastVariables().after).toBe('djE6NDk=');
      graphql.emit(mockSecondOfTwoPages, recordsWire);
      await flushPromises();
      expect($(element, '.next-page').disabled).toBe(true);
      expect($$(element, 'tr.record-row')).toHaveLength(2);
      $(element, '.previous-page').click();
      await flushPromises();
      expect(lastVariables().after).toBeNull();
    });

    it('shows no paging for one page', async () => {
      const element = await renderTracker();
      expect($(element, '.paging')).toBeNull();
    });
  });

  describe('mark completed', () => {
    async function openEditor(element, rowIndex = 0) {
      $$(element, 'tr.record-row')[rowIndex].querySelector('.mark-completed').click();
      await flushPromises();
    }

    async function enterScore(element, score) {
      $(element, 'lightning-input.edit-score').dispatchEvent(new CustomEvent('change', { detail: { value: score } }));
      await flushPromises();
    }

    it('opens an inline editor with today as completion date, focus in the score', async () => {
      const element = await renderTracker();
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      await openEditor(element);
      expect($(element, 'tr.edit-row')).not.toBeNull();
      // 05:30 in New York on 22 November
      expect($(element, 'lightning-input.edit-completed-on').value).toBe('2026-11-22');
      expect($(element, 'lightning-input.edit-completed-on').max).toBe('2026-11-22');
      expect(focus.mock.contexts).toContain($(element, 'lightning-input.edit-score'));
    });

    it('updates the record with status, score, date and a passing result', async () => {
      updateRecord.mockResolvedValue({ id: 'a03000000000001AAA' });
      const refresh = jest.fn().mockResolvedValue();
      const element = await renderTracker();
      graphql.emit(mockRecords, recordsWire, refresh);
      await flushPromises();
      const toastHandler = jest.fn();
      element.addEventListener('lightning__showtoast', toastHandler);
      await openEditor(element);
      await enterScore(element, '82.5');
      $(element, 'button.save').click();
      await flushPromises();
      await flushPromises();
      expect(updateRecord).toHaveBeenCalledTimes(1);
      expect(updateRecord).toHaveBeenCalledWith({
        fields: {
          Id: 'a03000000000001AAA',
          Status__c: 'Completed',
          Score__c: 82.5,
          Completed_On__c: '2026-11-22',
          Result__c: 'Pass',
        },
      });
      expect(toastHandler).toHaveBeenCalledTimes(1);
      expect(toastHandler.mock.calls[0][0].detail.variant).toBe('success');
      expect(refresh).toHaveBeenCalled();
      expect($(element, 'tr.edit-row')).toBeNull();
    });

    it("records a fail below the course's passing score, on the chosen date", async () => {
      const element = await renderTracker();
      await openEditor(element, 2);
      await enterScore(element, '64');
      $(element, 'lightning-input.edit-completed-on').dispatchEvent(
        new CustomEvent('change', { detail: { value: '2026-11-20' } })
      );
      $(element, 'button.save').click();
      await flushPromises();
      expect(updateRecord).toHaveBeenCalledWith({
        fields: {
          Id: 'a03000000000003AAA',
          Status__c: 'Completed',
          Score__c: 64,
          Completed_On__c: '2026-11-20',
          Result__c: 'Fail',
        },
      });
    });

    it('refuses a score outside 0–100 before asking the org', async () => {
      const element = await renderTracker();
      await openEditor(element);
      await enterScore(element, '120');
      $(element, 'button.save').click();
      await flushPromises();
      expect(updateRecord).not.toHaveBeenCalled();
      expect($(element, '.edit-error').textContent).toBe('c.Glocal_Training_Score_Range');
    });

    it("shows the org's message when it refuses the update", async () => {
      updateRecord.mockRejectedValue({
        body: {
          message: 'An error occurred while trying to update the record. Please try again.',
          output: {
            errors: [
              {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'A passed training needs a score of at least the course passing score.',
              },
            ],
            fieldErrors: {},
          },
        },
      });
      const element = await renderTracker();
      await openEditor(element);
      await enterScore(element, '90');
      $(element, 'button.save').click();
      await flushPromises();
      await flushPromises();
      const panel = $(element, 'tr.edit-row c-error-panel');
      expect(panel).not.toBeNull();
      expect(panel.friendlyMessage).toBe('c.Glocal_Training_Save_Error');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toBe(
        'A passed training needs a score of at least the course passing score.'
      );
      // The editor stays open so the manager can correct the values
      expect($(element, 'tr.edit-row')).not.toBeNull();
    });

    it('closes the editor on cancel without saving, focus back on the row', async () => {
      const element = await renderTracker();
      await openEditor(element);
      $(element, 'button.cancel').click();
      await flushPromises();
      expect($(element, 'tr.edit-row')).toBeNull();
      expect(updateRecord).not.toHaveBeenCalled();
      expect(element.shadowRoot.activeElement).toBe($$(element, 'tr.record-row')[0].querySelector('.mark-completed'));
    });
  });

  describe('empty state', () => {
    it('says there are no training records yet', async () => {
      const element = await renderTracker(mockNoRecords);
      expect($(element, 'table')).toBeNull();
      expect($(element, '.empty').textContent.trim()).toBe('c.Glocal_Training_Empty');
    });
  });

  describe('graphql @wire error', () => {
    it('shows the error panel', async () => {
      const element = createElement('c-training-tracker', { is: TrainingTracker });
      element.recordId = MARKET_ID;
      document.body.appendChild(element);
      await flushPromises();
      graphql.emitErrors([{ message: 'Invalid field Cert_Status__c' }], recordsWire);
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel).not.toBeNull();
      expect(panel.friendlyMessage).toBe('c.Glocal_Training_Load_Error');
    });
  });

  it('is accessible when data is returned', async () => {
    const element = await renderTracker();
    await expect(element).toBeAccessible();
  });

  it('is accessible while a record is being marked completed', async () => {
    const element = await renderTracker();
    $$(element, 'tr.record-row')[0].querySelector('.mark-completed').click();
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
