// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import CqProfile from 'c/cqProfile';
import { graphql } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

// Realistic GraphQL aggregate and UI API responses
const mockByPhase = require('./data/cqByPhaseDenmark.json');
const mockBaselineOnly = require('./data/cqBaselineOnly.json');
const mockNoAssessments = require('./data/cqNoAssessments.json');
const mockCompany = require('./data/cqCompany.json');
const mockAssessmentInfo = require('./data/cqAssessmentObjectInfo.json');
const mockCourseInfo = require('./data/trainingCourseObjectInfo.json');
const mockPhaseValues = require('./data/phasePicklistValues.json');
const mockTopicValues = require('./data/topicPicklistValues.json');

const MARKET_ID = 'a01000000000001AAA';
const marketWire = (config) => config.operationName === 'GlocalCqByPhase';
const companyWire = (config) => config.operationName === 'GlocalCqCompany';

describe('c-cq-profile', () => {
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

  async function renderProfile(byPhase = mockByPhase) {
    const element = createElement('c-cq-profile', { is: CqProfile });
    element.recordId = MARKET_ID;
    document.body.appendChild(element);
    await flushPromises();
    // Emit data from @wire
    getObjectInfo.emit(mockAssessmentInfo, (config) => config.objectApiName.objectApiName === 'CQ_Assessment__c');
    getObjectInfo.emit(mockCourseInfo, (config) => config.objectApiName.objectApiName === 'Training_Course__c');
    await flushPromises();
    getPicklistValues.emit(mockPhaseValues, (config) => config.fieldApiName.fieldApiName === 'Phase__c');
    getPicklistValues.emit(mockTopicValues, (config) => config.fieldApiName.fieldApiName === 'Topic__c');
    graphql.emit(byPhase, marketWire);
    graphql.emit(mockCompany, companyWire);
    await flushPromises();
    return element;
  }

  const chartOf = (element) => element.shadowRoot.querySelector('c-svg-chart');

  describe('graphql @wire data', () => {
    it("aggregates the market's assessments by phase", async () => {
      await renderProfile();
      const configs = Array.from(graphql._wireInstances).map((instance) => instance.getConfig());
      expect(configs.find(marketWire).variables).toEqual({ marketId: MARKET_ID });
      expect(configs.find(companyWire).variables).toBeUndefined();
    });

    it('charts the market against the company, and baseline against post-training', async () => {
      const element = await renderProfile();
      const chart = chartOf(element);
      expect(chart.categories).toEqual(['Metacognitive', 'Cognitive', 'Motivational', 'Behavioral']);
      expect(chart.series.map((series) => series.label)).toEqual([
        'c.Glocal_CQ_This_Market',
        'c.Glocal_CQ_Company',
        'c.Glocal_CQ_Phase_Series',
        'c.Glocal_CQ_Phase_Series',
      ]);
      // Weighted by the number of assessments: (4.6 × 6 + 5.3 × 4) / 10
      expect(chart.series[0].values).toEqual([4.88, 4.14, 5.36, 4.68]);
      expect(chart.series[1].values).toEqual([5.02, 4.61, 5.48, 4.87]);
      expect(chart.series[2].values).toEqual([4.6, 3.9, 5.2, 4.4]);
      expect(chart.series[3].values).toEqual([5.3, 4.5, 5.6, 5.1]);
      expect(chart.min).toBe('1');
      expect(chart.max).toBe('7');
    });

    it('shows only market and company when one phase is missing', async () => {
      const element = await renderProfile(mockBaselineOnly);
      expect(chartOf(element).series).toHaveLength(2);
      expect(chartOf(element).series[0].values).toEqual([5.1, 4.8, 4.2, 4.9]);
    });

    it('recommends the course topic for the weakest factor', async () => {
      const element = await renderProfile();
      expect(element.shadowRoot.querySelector('.weakest').textContent).toBe('c.Glocal_CQ_Weakest');
      expect(element.shadowRoot.querySelector('.recommended-topic').textContent).toBe('c.Glocal_CQ_Recommended');
      expect(getPicklistValues.getLastConfig()).toEqual({
        recordTypeId: '012000000000001AAA',
        fieldApiName: { objectApiName: 'Training_Course__c', fieldApiName: 'Topic__c' },
      });
    });
  });

  describe('empty state', () => {
    it('says there are no assessments yet', async () => {
      const element = await renderProfile(mockNoAssessments);
      expect(chartOf(element)).toBeNull();
      expect(element.shadowRoot.querySelector('.empty').textContent.trim()).toBe('c.Glocal_CQ_Empty');
    });
  });

  describe('graphql @wire error', () => {
    it('shows the error panel', async () => {
      const element = createElement('c-cq-profile', { is: CqProfile });
      element.recordId = MARKET_ID;
      document.body.appendChild(element);
      await flushPromises();
      graphql.emitErrors([{ message: 'No such column Phase__c' }], marketWire);
      await flushPromises();
      const panel = element.shadowRoot.querySelector('c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_CQ_Load_Error');
      expect(panel.shadowRoot.textContent).toContain('No such column Phase__c');
    });
  });

  it('is accessible when data is returned', async () => {
    const element = await renderProfile();
    await expect(element).toBeAccessible();
  });
});
