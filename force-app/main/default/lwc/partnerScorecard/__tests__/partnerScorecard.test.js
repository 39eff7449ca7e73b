// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import PartnerScorecard from 'c/partnerScorecard';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

// Realistic UI API and GraphQL responses
const mockReview = require('./data/reviewAcme2026Q3.json');
const mockReviewWithoutFeedback = require('./data/reviewWithoutFeedback.json');
const mockByDirection = require('./data/feedbackByDirection.json');
const mockByDirectionEmpty = require('./data/feedbackByDirectionEmpty.json');
const mockTrend = require('./data/acmeTrend.json');
const mockReviewInfo = require('./data/partnerReviewObjectInfo.json');
const mockFeedbackInfo = require('./data/partnerFeedbackObjectInfo.json');

const byDirectionWire = (config) => config.operationName === 'GlocalScorecardByDirection';
const trendWire = (config) => config.operationName === 'GlocalScorecardTrend';

describe('c-partner-scorecard', () => {
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

  async function renderScorecard(review = mockReview, byDirection = mockByDirection) {
    const element = createElement('c-partner-scorecard', { is: PartnerScorecard });
    element.recordId = review.id;
    document.body.appendChild(element);
    await flushPromises();
    // Emit data from @wire
    getObjectInfo.emit(mockReviewInfo, (config) => config.objectApiName.objectApiName === 'Partner_Review__c');
    getObjectInfo.emit(mockFeedbackInfo, (config) => config.objectApiName.objectApiName === 'Partner_Feedback__c');
    getRecord.emit(review);
    graphql.emit(byDirection, byDirectionWire);
    // The trend wire learns the partner from the review in the next microtask
    await flushPromises();
    graphql.emit(mockTrend, trendWire);
    await flushPromises();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  const configOf = (filter) =>
    Array.from(graphql._wireInstances)
      .map((instance) => instance.getConfig())
      .find(filter);

  describe('data', () => {
    it("asks for this review's feedback and the partner's last six reviews", async () => {
      await renderScorecard();
      expect(configOf(byDirectionWire).variables).toEqual({ reviewId: 'a05000000000001AAA' });
      expect(configOf(trendWire).variables).toEqual({ partnerId: '001000000000001AAA', first: 6 });
    });

    it('shows NPS, both averages and the perception gap', async () => {
      const element = await renderScorecard();
      expect($(element, '[data-kpi="nps"]').textContent).toBe('+40');
      expect($(element, '[data-kpi="given"]').textContent).toBe('3.8');
      expect($(element, '[data-kpi="received"]').textContent).toBe('4.25');
      expect($(element, '[data-kpi="gap"]').textContent).toBe('+0.45');
      const terms = Array.from(element.shadowRoot.querySelectorAll('.kpis dt')).map((dt) => dt.textContent);
      expect(terms).toEqual(['NPS', 'Average Given', 'Average Received', 'Perception Gap']);
    });

    it('compares per dimension what we said with what they said', async () => {
      const element = await renderScorecard();
      const row = (name) => $(element, `tr[data-dimension="${name}"]`);
      expect(row('Communication__c').querySelector('th').textContent).toBe('Communication');
      expect(row('Communication__c').querySelector('.we-said').textContent).toBe('3.75');
      expect(row('Communication__c').querySelector('.they-said').textContent).toBe('4.33');
      expect(row('Communication__c').querySelector('.gap').textContent).toBe('+0.58');
      expect(row('Continuous_Improvement__c').querySelector('.they-said').textContent).toBe('');
      expect(row('Continuous_Improvement__c').querySelector('.gap').textContent).toBe('');
      const chart = $(element, 'c-svg-chart.dimension-chart');
      expect(chart.series.map((series) => series.values)).toEqual([
        [3.75, 4, 3.5, 3.25, 4.5],
        [4.33, 4.5, 4.17, 3.83, null],
      ]);
    });

    it('draws the trend oldest period first', async () => {
      const element = await renderScorecard();
      const trend = $(element, 'c-svg-chart.trend-chart');
      expect(trend.type).toBe('line');
      expect(trend.categories).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
      expect(trend.series[0]).toEqual({ label: 'Average Given', values: [3.4, 3.5, 3.6, 3.8] });
      expect($(element, 'c-svg-chart.nps-chart').series[0].values).toEqual([-10, 10, 20, 40]);
    });
  });

  describe('on a partner Account page', () => {
    async function renderOnAccount(trend) {
      const element = createElement('c-partner-scorecard', { is: PartnerScorecard });
      element.recordId = '001000000000001AAA';
      element.objectApiName = 'Account';
      document.body.appendChild(element);
      await flushPromises();
      getObjectInfo.emit(mockReviewInfo, (config) => config.objectApiName.objectApiName === 'Partner_Review__c');
      getObjectInfo.emit(mockFeedbackInfo, (config) => config.objectApiName.objectApiName === 'Partner_Feedback__c');
      graphql.emit(trend, trendWire);
      await flushPromises();
      return element;
    }

    it("shows the partner's latest review", async () => {
      const element = await renderOnAccount(mockTrend);
      expect(configOf(trendWire).variables).toEqual({ partnerId: '001000000000001AAA', first: 6 });
      // The newest review of the trend is the one shown
      expect(getRecord.getLastConfig().recordId).toBe(mockTrend.uiapi.query.Partner_Review__c.edges[0].node.Id);
      expect(configOf(byDirectionWire).variables).toEqual({ reviewId: 'a05000000000000AAA' });
      getRecord.emit(mockReview);
      graphql.emit(mockByDirection, byDirectionWire);
      await flushPromises();
      expect($(element, '[data-kpi="nps"]').textContent).toBe('+40');
    });

    it('says there is no feedback for a partner without reviews', async () => {
      const element = await renderOnAccount({ uiapi: { query: { Partner_Review__c: { edges: [] } } } });
      expect($(element, '.empty').textContent.trim()).toBe('c.Glocal_Scorecard_Empty');
      expect(configOf(byDirectionWire).variables).toBeUndefined();
    });
  });

  describe('empty state', () => {
    it('says no feedback has been given yet', async () => {
      const element = await renderScorecard(mockReviewWithoutFeedback, mockByDirectionEmpty);
      expect($(element, '.kpis')).toBeNull();
      expect($(element, '.empty').textContent.trim()).toBe('c.Glocal_Scorecard_Empty');
    });
  });

  describe('wire errors', () => {
    it('shows the error panel when the review cannot be read', async () => {
      const element = createElement('c-partner-scorecard', { is: PartnerScorecard });
      element.recordId = mockReview.id;
      document.body.appendChild(element);
      getRecord.error({ message: 'You do not have access to this record.' });
      await flushPromises();
      const panel = $(element, 'c-error-panel');
      expect(panel.friendlyMessage).toBe('c.Glocal_Scorecard_Load_Error');
      expect(panel.shadowRoot.textContent).toContain('You do not have access to this record.');
    });
  });

  it('is accessible when data is returned', async () => {
    const element = await renderScorecard();
    await expect(element).toBeAccessible();
  });
});
