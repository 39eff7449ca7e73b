// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for numbers and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockByPhase = require('./data/cqByPhaseDenmark.json');
const mockCompany = require('./data/cqCompany.json');
const mockAssessmentInfo = require('./data/cqAssessmentObjectInfo.json');
const mockCourseInfo = require('./data/trainingCourseObjectInfo.json');
const mockPhaseValues = require('./data/phasePicklistValues.json');
const mockTopicValues = require('./data/topicPicklistValues.json');

// What each user reads, written out so a wrong translation or number format fails here
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Kulturel intelligens (CQ)',
    weakest: 'Svageste faktor: Cognitive (4,14)',
    recommendedTopic: 'Anbefalet kursusemne: Market Orientation',
    assessmentCount: 'Baseret på 10 vurderinger',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '文化智商 (CQ)',
    weakest: '最薄弱的因子：Cognitive（4.14）',
    recommendedTopic: '推荐的课程主题：Market Orientation',
    assessmentCount: '基于 10 次评估',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'الذكاء الثقافي (CQ)',
    weakest: 'العامل الأضعف: Cognitive (٤٫١٤)',
    recommendedTopic: 'موضوع الدورة الموصى به: Market Orientation',
    assessmentCount: 'استنادًا إلى ١٠ من التقييمات',
  },
];

describe.each(USERS)('c-cq-profile for a $language user', (expected) => {
  const { CqProfile, graphql, getObjectInfo, getPicklistValues, labels } = loadAsUser(expected.language, () => ({
    CqProfile: require('c/cqProfile').default,
    graphql: require('lightning/graphql').graphql,
    ...require('lightning/uiObjectInfoApi'),
  }));

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

  it(`shows the labels of the translation file with ${expected.language} numbers`, async () => {
    const element = await renderProfile();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe(expected.weakest);
    expect(element.shadowRoot.querySelector('.recommended-topic').textContent).toBe(expected.recommendedTopic);
    expect(element.shadowRoot.querySelector('.assessment-count').textContent.trim()).toBe(expected.assessmentCount);
    const chart = element.shadowRoot.querySelector('c-svg-chart');
    expect(chart.caption).toBe(labels.get('Glocal_CQ_Caption'));
    expect(chart.series[1].label).toBe(labels.get('Glocal_CQ_Company'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`lays the profile out ${expected.dir}`, async () => {
    const element = await renderProfile();
    expect(element.shadowRoot.querySelector('.cq').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderProfile();
      await expect(element).toBeAccessible();
    });
  }
});
