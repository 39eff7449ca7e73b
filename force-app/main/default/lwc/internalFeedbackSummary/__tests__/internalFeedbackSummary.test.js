// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackSummary from 'c/internalFeedbackSummary';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

// Realistic UI API and GraphQL responses
const mockUnit = require('./data/unitItServiceDesk.json');
const mockUnitWithoutFeedback = require('./data/unitWithoutFeedback.json');
const mockAverages = require('./data/itServiceDeskAverages.json');
const mockNoAverages = require('./data/noAverages.json');
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');

describe('c-internal-feedback-summary', () => {
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

  async function renderSummary(unit = mockUnit, averages = mockAverages) {
    const element = createElement('c-internal-feedback-summary', { is: InternalFeedbackSummary });
    element.recordId = unit.id;
    document.body.appendChild(element);
    await flushPromises();
    // Emit data from @wire
    getRecord.emit(unit);
    getObjectInfo.emit(mockObjectInfo);
    graphql.emit(averages, (config) => config.operationName === 'GlocalInternalAverages');
    await flushPromises();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);

  describe('data', () => {
    it("averages the unit's submitted feedback", async () => {
      await renderSummary();
      expect(graphql.getLastConfig().variables).toEqual({ unitId: 'a07000000000001AAA' });
    });

    it('shows the CSAT and the weakest dimension', async () => {
      const element = await renderSummary();
      // 19 of 24
      expect($(element, '.csat__value').textContent).toBe('79.2%');
      expect($(element, '.satisfied-count').textContent).toBe('c.Glocal_Internal_Satisfied_Count');
      expect($(element, '.weakest').textContent).toBe('c.Glocal_Internal_Weakest');
      const chart = $(element, 'c-svg-chart');
      expect(chart.categories).toEqual([
        'Communication',
        'Trust',
        'Collaboration',
        'Cultural Understanding',
        'Continuous Improvement',
      ]);
      expect(chart.series[0].values).toEqual([4.13, 4.4, 3.96, 3.2, 3.75]);
    });
  });

  describe('empty state', () => {
    it('says no feedback has been received yet', async () => {
      const element = await renderSummary(mockUnitWithoutFeedback, mockNoAverages);
      expect($(element, '.csat')).toBeNull();
      expect($(element, '.empty').textContent.trim()).toBe('c.Glocal_Internal_Empty');
    });
  });

  describe('wire errors', () => {
    it('shows the error panel when the averages cannot be read', async () => {
      const element = createElement('c-internal-feedback-summary', { is: InternalFeedbackSummary });
      element.recordId = mockUnit.id;
      document.body.appendChild(element);
      await flushPromises();
      graphql.emitErrors([{ message: 'Aggregate queries are not enabled' }]);
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_Internal_Load_Error');
      expect(panel.shadowRoot.textContent).toContain('Aggregate queries are not enabled');
    });
  });

  it('is accessible when data is returned', async () => {
    const element = await renderSummary();
    await expect(element).toBeAccessible();
  });
});
