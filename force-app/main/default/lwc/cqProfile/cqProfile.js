import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import DIR from '@salesforce/i18n/dir';
import CQ_ASSESSMENT_OBJECT from '@salesforce/schema/CQ_Assessment__c';
import METACOGNITIVE_FIELD from '@salesforce/schema/CQ_Assessment__c.Metacognitive__c';
import COGNITIVE_FIELD from '@salesforce/schema/CQ_Assessment__c.Cognitive__c';
import MOTIVATIONAL_FIELD from '@salesforce/schema/CQ_Assessment__c.Motivational__c';
import BEHAVIORAL_FIELD from '@salesforce/schema/CQ_Assessment__c.Behavioral__c';
import PHASE_FIELD from '@salesforce/schema/CQ_Assessment__c.Phase__c';
import TRAINING_COURSE_OBJECT from '@salesforce/schema/Training_Course__c';
import TOPIC_FIELD from '@salesforce/schema/Training_Course__c.Topic__c';
import TITLE from '@salesforce/label/c.Glocal_CQ_Title';
import CAPTION from '@salesforce/label/c.Glocal_CQ_Caption';
import THIS_MARKET from '@salesforce/label/c.Glocal_CQ_This_Market';
import COMPANY from '@salesforce/label/c.Glocal_CQ_Company';
import PHASE_SERIES from '@salesforce/label/c.Glocal_CQ_Phase_Series';
import ASSESSMENT_COUNT from '@salesforce/label/c.Glocal_CQ_Assessment_Count';
import WEAKEST from '@salesforce/label/c.Glocal_CQ_Weakest';
import RECOMMENDED from '@salesforce/label/c.Glocal_CQ_Recommended';
import EMPTY from '@salesforce/label/c.Glocal_CQ_Empty';
import LOAD_ERROR from '@salesforce/label/c.Glocal_CQ_Load_Error';
import { formatLabel, formatNumber } from 'c/localeFormat';

const FACTORS = [METACOGNITIVE_FIELD, COGNITIVE_FIELD, MOTIVATIONAL_FIELD, BEHAVIORAL_FIELD];
// The course topic (Glocal_Training_Topic value) that trains each CQ factor best.
const TOPIC_FOR_FACTOR = {
  [METACOGNITIVE_FIELD.fieldApiName]: 'Cultural Intelligence',
  [COGNITIVE_FIELD.fieldApiName]: 'Market Orientation',
  [MOTIVATIONAL_FIELD.fieldApiName]: 'Diversity & Inclusion',
  [BEHAVIORAL_FIELD.fieldApiName]: 'Cross-Cultural Communication',
};
const BASELINE = 'Baseline';
const POST_TRAINING = 'Post-training';

/**
 * The market's average on the four CQ factors against the company average, baseline against
 * post-training where both exist, and the course topic that trains the weakest factor.
 */
export default class CqProfile extends LightningElement {
  @api recordId;

  dir = DIR;
  labels = { title: TITLE, caption: CAPTION, empty: EMPTY, loadError: LOAD_ERROR };

  @wire(getObjectInfo, { objectApiName: CQ_ASSESSMENT_OBJECT })
  assessmentInfo;

  @wire(getPicklistValues, { recordTypeId: '$assessmentRecordTypeId', fieldApiName: PHASE_FIELD })
  phaseValues;

  @wire(getObjectInfo, { objectApiName: TRAINING_COURSE_OBJECT })
  courseInfo;

  @wire(getPicklistValues, { recordTypeId: '$courseRecordTypeId', fieldApiName: TOPIC_FIELD })
  topicValues;

  @wire(graphql, {
    query: gql`
      query GlocalCqByPhase($marketId: ID) {
        uiapi {
          aggregate {
            CQ_Assessment__c(where: { Market__c: { eq: $marketId } }, groupBy: { Phase__c: { group: true } }) {
              edges {
                node {
                  aggregate {
                    Phase__c {
                      value
                    }
                    Metacognitive__c {
                      avg {
                        value
                      }
                    }
                    Cognitive__c {
                      avg {
                        value
                      }
                    }
                    Motivational__c {
                      avg {
                        value
                      }
                    }
                    Behavioral__c {
                      avg {
                        value
                      }
                    }
                    Id {
                      count {
                        value
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
    variables: '$marketVariables',
    operationName: 'GlocalCqByPhase',
  })
  marketAverages;

  @wire(graphql, {
    query: gql`
      query GlocalCqCompany {
        uiapi {
          aggregate {
            CQ_Assessment__c {
              edges {
                node {
                  aggregate {
                    Metacognitive__c {
                      avg {
                        value
                      }
                    }
                    Cognitive__c {
                      avg {
                        value
                      }
                    }
                    Motivational__c {
                      avg {
                        value
                      }
                    }
                    Behavioral__c {
                      avg {
                        value
                      }
                    }
                    Id {
                      count {
                        value
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
    operationName: 'GlocalCqCompany',
  })
  companyAverages;

  get marketVariables() {
    return { marketId: this.recordId };
  }

  get assessmentRecordTypeId() {
    return this.assessmentInfo?.data?.defaultRecordTypeId;
  }

  get courseRecordTypeId() {
    return this.courseInfo?.data?.defaultRecordTypeId;
  }

  get error() {
    return this.marketAverages?.errors ?? this.companyAverages?.errors ?? this.assessmentInfo?.error;
  }

  /** Per phase: { phase, count, averages: { field: avg } } */
  get phases() {
    const edges = this.marketAverages?.data?.uiapi?.aggregate?.CQ_Assessment__c?.edges ?? [];
    return edges.map(({ node }) => readAggregate(node.aggregate));
  }

  get company() {
    const edges = this.companyAverages?.data?.uiapi?.aggregate?.CQ_Assessment__c?.edges ?? [];
    return edges.length ? readAggregate(edges[0].node.aggregate) : undefined;
  }

  get isLoaded() {
    return !!this.marketAverages?.data && !!this.companyAverages?.data;
  }

  get assessmentCount() {
    return this.phases.reduce((sum, phase) => sum + phase.count, 0);
  }

  get hasAssessments() {
    return this.assessmentCount > 0;
  }

  /** The market's average over all phases, weighted by the number of assessments. */
  get marketOverall() {
    const total = this.assessmentCount;
    return Object.fromEntries(
      FACTORS.map((field) => {
        const name = field.fieldApiName;
        const weighted = this.phases.reduce((sum, phase) => sum + (phase.averages[name] ?? 0) * phase.count, 0);
        return [name, total ? weighted / total : null];
      })
    );
  }

  factorLabel(field) {
    return this.assessmentInfo?.data?.fields?.[field.fieldApiName]?.label ?? field.fieldApiName;
  }

  phaseLabel(value) {
    return this.phaseValues?.data?.values?.find((entry) => entry.value === value)?.label ?? value;
  }

  get categories() {
    return FACTORS.map((field) => this.factorLabel(field));
  }

  get series() {
    const values = (averages) => FACTORS.map((field) => roundTwo(averages?.[field.fieldApiName]));
    const series = [
      { label: THIS_MARKET, values: values(this.marketOverall) },
      { label: COMPANY, values: values(this.company?.averages) },
    ];
    const baseline = this.phases.find((phase) => phase.phase === BASELINE);
    const postTraining = this.phases.find((phase) => phase.phase === POST_TRAINING);
    // Baseline against post-training only says something when both were measured.
    if (baseline && postTraining) {
      series.push(
        { label: formatLabel(PHASE_SERIES, this.phaseLabel(BASELINE)), values: values(baseline.averages) },
        { label: formatLabel(PHASE_SERIES, this.phaseLabel(POST_TRAINING)), values: values(postTraining.averages) }
      );
    }
    return series;
  }

  get countText() {
    return formatLabel(ASSESSMENT_COUNT, formatNumber(this.assessmentCount));
  }

  get weakestFactor() {
    const overall = this.marketOverall;
    return FACTORS.filter((field) => overall[field.fieldApiName] !== null).reduce(
      (weakest, field) => (!weakest || overall[field.fieldApiName] < overall[weakest.fieldApiName] ? field : weakest),
      undefined
    );
  }

  get weakestText() {
    const weakest = this.weakestFactor;
    return weakest
      ? formatLabel(
          WEAKEST,
          this.factorLabel(weakest),
          formatNumber(this.marketOverall[weakest.fieldApiName], { maximumFractionDigits: 2 })
        )
      : '';
  }

  get recommendationText() {
    const weakest = this.weakestFactor;
    if (!weakest) {
      return '';
    }
    const topic = TOPIC_FOR_FACTOR[weakest.fieldApiName];
    const label = this.topicValues?.data?.values?.find((entry) => entry.value === topic)?.label ?? topic;
    return formatLabel(RECOMMENDED, label);
  }
}

function readAggregate(aggregate) {
  return {
    phase: aggregate?.[PHASE_FIELD.fieldApiName]?.value,
    count: aggregate?.Id?.count?.value ?? 0,
    averages: Object.fromEntries(
      FACTORS.map((field) => [field.fieldApiName, aggregate?.[field.fieldApiName]?.avg?.value ?? null])
    ),
  };
}

function roundTwo(value) {
  return typeof value === 'number' ? Math.round(value * 100) / 100 : null;
}
