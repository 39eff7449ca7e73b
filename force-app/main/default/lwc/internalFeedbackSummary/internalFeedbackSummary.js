import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import DIR from '@salesforce/i18n/dir';
import RESPONSES_FIELD from '@salesforce/schema/Service_Unit__c.Responses__c';
import SATISFIED_FIELD from '@salesforce/schema/Service_Unit__c.Satisfied_Responses__c';
import NAME_FIELD from '@salesforce/schema/Service_Unit__c.Name';
import INTERNAL_FEEDBACK_OBJECT from '@salesforce/schema/Internal_Feedback__c';
import COMMUNICATION_FIELD from '@salesforce/schema/Internal_Feedback__c.Communication__c';
import TRUST_FIELD from '@salesforce/schema/Internal_Feedback__c.Trust__c';
import COLLABORATION_FIELD from '@salesforce/schema/Internal_Feedback__c.Collaboration__c';
import CULTURAL_UNDERSTANDING_FIELD from '@salesforce/schema/Internal_Feedback__c.Cultural_Understanding__c';
import CONTINUOUS_IMPROVEMENT_FIELD from '@salesforce/schema/Internal_Feedback__c.Continuous_Improvement__c';
import TITLE from '@salesforce/label/c.Glocal_Internal_Summary_Title';
import CSAT from '@salesforce/label/c.Glocal_Internal_Csat';
import SATISFIED_COUNT from '@salesforce/label/c.Glocal_Internal_Satisfied_Count';
import WEAKEST from '@salesforce/label/c.Glocal_Internal_Weakest';
import CHART_CAPTION from '@salesforce/label/c.Glocal_Internal_Chart_Caption';
import AVERAGE from '@salesforce/label/c.Glocal_Internal_Average';
import EMPTY from '@salesforce/label/c.Glocal_Internal_Empty';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Internal_Load_Error';
import { formatLabel, formatNumber } from 'c/localeFormat';

const DIMENSIONS = [
  COMMUNICATION_FIELD,
  TRUST_FIELD,
  COLLABORATION_FIELD,
  CULTURAL_UNDERSTANDING_FIELD,
  CONTINUOUS_IMPROVEMENT_FIELD,
];

/** How satisfied the unit's internal customers are (CSAT) and which dimension is weakest. */
export default class InternalFeedbackSummary extends LightningElement {
  @api recordId;

  dir = DIR;
  labels = { title: TITLE, csat: CSAT, chartCaption: CHART_CAPTION, empty: EMPTY, loadError: LOAD_ERROR };

  @wire(getRecord, { recordId: '$recordId', fields: [NAME_FIELD], optionalFields: [RESPONSES_FIELD, SATISFIED_FIELD] })
  unit;

  @wire(getObjectInfo, { objectApiName: INTERNAL_FEEDBACK_OBJECT })
  feedbackInfo;

  @wire(graphql, {
    query: gql`
      query GlocalInternalAverages($unitId: ID) {
        uiapi {
          aggregate {
            Internal_Feedback__c(where: { and: [{ Rated_Unit__c: { eq: $unitId } }, { Status__c: { ne: "Draft" } }] }) {
              edges {
                node {
                  aggregate {
                    Communication__c {
                      avg {
                        value
                      }
                    }
                    Trust__c {
                      avg {
                        value
                      }
                    }
                    Collaboration__c {
                      avg {
                        value
                      }
                    }
                    Cultural_Understanding__c {
                      avg {
                        value
                      }
                    }
                    Continuous_Improvement__c {
                      avg {
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
    variables: '$unitVariables',
    operationName: 'GlocalInternalAverages',
  })
  averages;

  get unitVariables() {
    return { unitId: this.recordId };
  }

  get error() {
    return this.unit?.error ?? this.averages?.errors;
  }

  get isLoaded() {
    return !!this.unit?.data && !!this.averages?.data;
  }

  get responses() {
    return getFieldValue(this.unit.data, RESPONSES_FIELD) ?? 0;
  }

  get satisfied() {
    return getFieldValue(this.unit.data, SATISFIED_FIELD) ?? 0;
  }

  get hasResponses() {
    return this.responses > 0;
  }

  /** Computed from the two counts, so it does not depend on how the API scales percent fields. */
  get csatText() {
    return formatNumber(this.satisfied / this.responses, { style: 'percent', maximumFractionDigits: 1 });
  }

  get satisfiedText() {
    return formatLabel(SATISFIED_COUNT, formatNumber(this.satisfied), formatNumber(this.responses));
  }

  dimensionLabel(field) {
    return this.feedbackInfo?.data?.fields?.[field.fieldApiName]?.label ?? field.fieldApiName;
  }

  get dimensionAverages() {
    const aggregate = this.averages?.data?.uiapi?.aggregate?.Internal_Feedback__c?.edges?.[0]?.node?.aggregate;
    return DIMENSIONS.map((field) => {
      const value = aggregate?.[field.fieldApiName]?.avg?.value;
      return typeof value === 'number' ? Math.round(value * 100) / 100 : null;
    });
  }

  get categories() {
    return DIMENSIONS.map((field) => this.dimensionLabel(field));
  }

  get series() {
    return [{ label: AVERAGE, values: this.dimensionAverages }];
  }

  get weakestText() {
    const averages = this.dimensionAverages;
    let weakest = -1;
    averages.forEach((value, index) => {
      if (value !== null && (weakest === -1 || value < averages[weakest])) {
        weakest = index;
      }
    });
    return weakest === -1
      ? ''
      : formatLabel(
          WEAKEST,
          this.dimensionLabel(DIMENSIONS[weakest]),
          formatNumber(averages[weakest], { maximumFractionDigits: 2 })
        );
  }
}
