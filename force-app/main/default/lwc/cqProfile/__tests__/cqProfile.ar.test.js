// Runs as a ar user: labels from translations/ar.translation-meta.xml, ar locale and direction.
import '../../../../../test/l10n/ar';
import { createElement } from '@lwc/engine-dom';
import CqProfile from 'c/cqProfile';
import { graphql } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockByPhase = require('./data/cqByPhaseDenmark.json');
const mockCompany = require('./data/cqCompany.json');
const mockAssessmentInfo = require('./data/cqAssessmentObjectInfo.json');
const mockCourseInfo = require('./data/trainingCourseObjectInfo.json');
const mockPhaseValues = require('./data/phasePicklistValues.json');
const mockTopicValues = require('./data/topicPicklistValues.json');
const LABELS = labelsFor('ar');

describe('c-cq-profile for a ar user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  async function renderProfile() {
    const element = createElement('c-cq-profile', { is: CqProfile });
    element.recordId = 'a01000000000001AAA';
    document.body.appendChild(element);
    await Promise.resolve();
    getObjectInfo.emit(mockAssessmentInfo, (config) => config.objectApiName.objectApiName === 'CQ_Assessment__c');
    getObjectInfo.emit(mockCourseInfo, (config) => config.objectApiName.objectApiName === 'Training_Course__c');
    await Promise.resolve();
    getPicklistValues.emit(mockPhaseValues, (config) => config.fieldApiName.fieldApiName === 'Phase__c');
    getPicklistValues.emit(mockTopicValues, (config) => config.fieldApiName.fieldApiName === 'Topic__c');
    graphql.emit(mockByPhase, (config) => config.operationName === 'GlocalCqByPhase');
    graphql.emit(mockCompany, (config) => config.operationName === 'GlocalCqCompany');
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file with ar numbers', async () => {
    const element = await renderProfile();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('الذكاء الثقافي (CQ)');
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe('العامل الأضعف: Cognitive (٤٫١٤)');
    expect(element.shadowRoot.querySelector('.recommended-topic').textContent).toBe(
      'موضوع الدورة الموصى به: Market Orientation'
    );
    expect(element.shadowRoot.querySelector('.assessment-count').textContent.trim()).toBe(
      'استنادًا إلى ١٠ من التقييمات'
    );
    const chart = element.shadowRoot.querySelector('c-svg-chart');
    expect(chart.caption).toBe(LABELS.get('Glocal_CQ_Caption'));
    expect(chart.series[1].label).toBe(LABELS.get('Glocal_CQ_Company'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('lays the profile out rtl', async () => {
    const element = await renderProfile();
    expect(element.shadowRoot.querySelector('.cq').getAttribute('dir')).toBe('rtl');
  });

  it('is accessible right to left', async () => {
    const element = await renderProfile();
    await expect(element).toBeAccessible();
  });
});
