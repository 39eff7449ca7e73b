import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import DIR from '@salesforce/i18n/dir';
import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import PARTNER_REVIEW_OBJECT from '@salesforce/schema/Partner_Review__c';
import PARTNER_FIELD from '@salesforce/schema/Partner_Review__c.Partner__c';
import PERIOD_FIELD from '@salesforce/schema/Partner_Review__c.Period__c';
import NPS_FIELD from '@salesforce/schema/Partner_Review__c.NPS__c';
import GAP_FIELD from '@salesforce/schema/Partner_Review__c.Perception_Gap__c';
import AVG_GIVEN_FIELD from '@salesforce/schema/Partner_Review__c.Avg_Given__c';
import AVG_RECEIVED_FIELD from '@salesforce/schema/Partner_Review__c.Avg_Received__c';
import RESPONDENTS_FIELD from '@salesforce/schema/Partner_Review__c.Respondents__c';
import GIVEN_COUNT_FIELD from '@salesforce/schema/Partner_Review__c.Given_Count__c';
import RECEIVED_COUNT_FIELD from '@salesforce/schema/Partner_Review__c.Received_Count__c';
import PARTNER_FEEDBACK_OBJECT from '@salesforce/schema/Partner_Feedback__c';
import COMMUNICATION_FIELD from '@salesforce/schema/Partner_Feedback__c.Communication__c';
import TRUST_FIELD from '@salesforce/schema/Partner_Feedback__c.Trust__c';
import COLLABORATION_FIELD from '@salesforce/schema/Partner_Feedback__c.Collaboration__c';
import CULTURAL_UNDERSTANDING_FIELD from '@salesforce/schema/Partner_Feedback__c.Cultural_Understanding__c';
import CONTINUOUS_IMPROVEMENT_FIELD from '@salesforce/schema/Partner_Feedback__c.Continuous_Improvement__c';
import DIRECTION_FIELD from '@salesforce/schema/Partner_Feedback__c.Direction__c';
import TITLE from '@salesforce/label/c.Glocal_Scorecard_Title';
import WE_SAID from '@salesforce/label/c.Glocal_Scorecard_We_Said';
import THEY_SAID from '@salesforce/label/c.Glocal_Scorecard_They_Said';
import DIMENSION from '@salesforce/label/c.Glocal_Scorecard_Dimension';
import DIMENSIONS_CAPTION from '@salesforce/label/c.Glocal_Scorecard_Dimensions_Caption';
import TREND_CAPTION from '@salesforce/label/c.Glocal_Scorecard_Trend_Caption';
import NPS_TREND_CAPTION from '@salesforce/label/c.Glocal_Scorecard_Nps_Trend_Caption';
import GAP_HELP from '@salesforce/label/c.Glocal_Scorecard_Gap_Help';
import RESPONDENTS from '@salesforce/label/c.Glocal_Scorecard_Respondents';
import EMPTY from '@salesforce/label/c.Glocal_Scorecard_Empty';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Scorecard_Load_Error';
import { formatLabel, formatNumber } from 'c/localeFormat';

const DIMENSIONS = [
  COMMUNICATION_FIELD,
  TRUST_FIELD,
  COLLABORATION_FIELD,
  CULTURAL_UNDERSTANDING_FIELD,
  CONTINUOUS_IMPROVEMENT_FIELD,
];
const COMPANY_TO_PARTNER = 'Company to Partner';
const PARTNER_TO_COMPANY = 'Partner to Company';
const TREND_PERIODS = 6;
const SCORE_FORMAT = { maximumFractionDigits: 2 };
const SIGNED_FORMAT = { maximumFractionDigits: 2, signDisplay: 'exceptZero' };

// This review's submitted feedback, averaged per direction.
const BY_DIRECTION_QUERY = gql`
  query GlocalScorecardByDirection($reviewId: ID) {
    uiapi {
      aggregate {
        Partner_Feedback__c(
          where: { and: [{ Partner_Review__c: { eq: $reviewId } }, { Status__c: { ne: "Draft" } }] }
          groupBy: { Direction__c: { group: true } }
        ) {
          edges {
            node {
              aggregate {
                Direction__c {
                  value
                }
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
`;

// The partner's last reviews, newest first; asked only once the review names its partner.
const TREND_QUERY = gql`
  query GlocalScorecardTrend($partnerId: ID, $first: Int) {
    uiapi {
      query {
        Partner_Review__c(
          where: { Partner__c: { eq: $partnerId } }
          orderBy: { Period__c: { order: DESC } }
          first: $first
        ) {
          edges {
            node {
              Id
              Period__c {
                value
              }
              Avg_Given__c {
                value
              }
              Avg_Received__c {
                value
              }
              NPS__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * A partner review at a glance: per dimension what we said about the partner and what they
 * said about us, the perception gap, the NPS, and the trend over the partner's last periods.
 * On an Account (partner) page it shows the partner's latest review.
 */
export default class PartnerScorecard extends LightningElement {
  @api recordId;
  /** Given by the record page: Partner_Review__c, or Account. */
  @api objectApiName;

  dir = DIR;
  labels = {
    title: TITLE,
    weSaid: WE_SAID,
    theySaid: THEY_SAID,
    dimension: DIMENSION,
    dimensionsCaption: DIMENSIONS_CAPTION,
    trendCaption: TREND_CAPTION,
    npsTrendCaption: NPS_TREND_CAPTION,
    gapHelp: GAP_HELP,
    empty: EMPTY,
    loadError: LOAD_ERROR,
  };

  @wire(getRecord, {
    recordId: '$reviewId',
    fields: [PARTNER_FIELD, PERIOD_FIELD],
    optionalFields: [
      NPS_FIELD,
      GAP_FIELD,
      AVG_GIVEN_FIELD,
      AVG_RECEIVED_FIELD,
      RESPONDENTS_FIELD,
      GIVEN_COUNT_FIELD,
      RECEIVED_COUNT_FIELD,
    ],
  })
  review;

  @wire(getObjectInfo, { objectApiName: PARTNER_REVIEW_OBJECT })
  reviewInfo;

  @wire(getObjectInfo, { objectApiName: PARTNER_FEEDBACK_OBJECT })
  feedbackInfo;

  @wire(graphql, {
    query: '$byDirectionQuery',
    variables: '$reviewVariables',
    operationName: 'GlocalScorecardByDirection',
  })
  byDirection;

  @wire(graphql, {
    query: '$trendQuery',
    variables: '$trendVariables',
    operationName: 'GlocalScorecardTrend',
  })
  trend;

  get onAccountPage() {
    return this.objectApiName === ACCOUNT_OBJECT.objectApiName;
  }

  /** The review shown: this page's, or on an Account page the partner's latest one. */
  get reviewId() {
    return this.onAccountPage ? this.trend?.data?.uiapi?.query?.Partner_Review__c?.edges?.[0]?.node?.Id : this.recordId;
  }

  get byDirectionQuery() {
    return this.reviewId ? BY_DIRECTION_QUERY : undefined;
  }

  get reviewVariables() {
    return this.reviewId ? { reviewId: this.reviewId } : undefined;
  }

  /** Undefined until the review is loaded: a wire without a query waits. */
  get trendQuery() {
    return this.trendVariables ? TREND_QUERY : undefined;
  }

  /** The partner (the Account page's, or this review's) and how many periods the trend shows. */
  get trendVariables() {
    let partnerId;
    if (this.onAccountPage) {
      partnerId = this.recordId;
    } else if (this.review?.data) {
      partnerId = getFieldValue(this.review.data, PARTNER_FIELD);
    }
    return partnerId ? { partnerId, first: TREND_PERIODS } : undefined;
  }

  get error() {
    return this.review?.error ?? this.byDirection?.errors ?? this.trend?.errors;
  }

  get isLoaded() {
    return !!this.review?.data && !!this.byDirection?.data;
  }

  /** An Account page of a partner that has no review yet. */
  get hasNoReview() {
    return this.onAccountPage && !!this.trend?.data && !this.reviewId;
  }

  get showScorecard() {
    return this.isLoaded && this.hasFeedback;
  }

  get showEmpty() {
    return this.hasNoReview || (this.isLoaded && !this.hasFeedback);
  }

  value(field) {
    return getFieldValue(this.review.data, field);
  }

  reviewLabel(field) {
    return this.reviewInfo?.data?.fields?.[field.fieldApiName]?.label ?? '';
  }

  dimensionLabel(field) {
    return this.feedbackInfo?.data?.fields?.[field.fieldApiName]?.label ?? field.fieldApiName;
  }

  get hasFeedback() {
    return (this.value(GIVEN_COUNT_FIELD) ?? 0) + (this.value(RECEIVED_COUNT_FIELD) ?? 0) > 0;
  }

  get period() {
    return this.value(PERIOD_FIELD);
  }

  get kpis() {
    return [
      {
        key: 'nps',
        label: this.reviewLabel(NPS_FIELD),
        text: formatNumber(this.value(NPS_FIELD), { signDisplay: 'exceptZero' }),
      },
      {
        key: 'given',
        label: this.reviewLabel(AVG_GIVEN_FIELD),
        text: formatNumber(this.value(AVG_GIVEN_FIELD), SCORE_FORMAT),
      },
      {
        key: 'received',
        label: this.reviewLabel(AVG_RECEIVED_FIELD),
        text: formatNumber(this.value(AVG_RECEIVED_FIELD), SCORE_FORMAT),
      },
      { key: 'gap', label: this.reviewLabel(GAP_FIELD), text: formatNumber(this.value(GAP_FIELD), SIGNED_FORMAT) },
    ].map((kpi) => ({ ...kpi, termKey: `term-${kpi.key}` }));
  }

  get gapLabel() {
    return this.reviewLabel(GAP_FIELD);
  }

  get respondentsText() {
    return formatLabel(RESPONDENTS, formatNumber(this.value(RESPONDENTS_FIELD) ?? 0));
  }

  averagesFor(direction) {
    const edges = this.byDirection?.data?.uiapi?.aggregate?.Partner_Feedback__c?.edges ?? [];
    const aggregate = edges.find((edge) => edge.node.aggregate?.[DIRECTION_FIELD.fieldApiName]?.value === direction)
      ?.node.aggregate;
    return DIMENSIONS.map((field) => {
      const value = aggregate?.[field.fieldApiName]?.avg?.value;
      return typeof value === 'number' ? Math.round(value * 100) / 100 : null;
    });
  }

  /** Per dimension: what we said about them, what they said about us, and the difference. */
  get dimensionRows() {
    const weSaid = this.averagesFor(COMPANY_TO_PARTNER);
    const theySaid = this.averagesFor(PARTNER_TO_COMPANY);
    return DIMENSIONS.map((field, index) => {
      const gap = weSaid[index] !== null && theySaid[index] !== null ? theySaid[index] - weSaid[index] : null;
      return {
        key: field.fieldApiName,
        label: this.dimensionLabel(field),
        weSaid: formatNumber(weSaid[index], SCORE_FORMAT),
        theySaid: formatNumber(theySaid[index], SCORE_FORMAT),
        gap: formatNumber(gap === null ? null : Math.round(gap * 100) / 100, SIGNED_FORMAT),
      };
    });
  }

  get dimensionCategories() {
    return DIMENSIONS.map((field) => this.dimensionLabel(field));
  }

  get dimensionSeries() {
    return [
      { label: WE_SAID, values: this.averagesFor(COMPANY_TO_PARTNER) },
      { label: THEY_SAID, values: this.averagesFor(PARTNER_TO_COMPANY) },
    ];
  }

  /** The partner's reviews, oldest first, for the trend charts. */
  get trendPoints() {
    const edges = this.trend?.data?.uiapi?.query?.Partner_Review__c?.edges ?? [];
    return edges
      .map(({ node }) => ({
        period: node.Period__c?.value,
        given: node.Avg_Given__c?.value ?? null,
        received: node.Avg_Received__c?.value ?? null,
        nps: node.NPS__c?.value ?? null,
      }))
      .reverse();
  }

  get hasTrend() {
    return this.trendPoints.length > 1;
  }

  get trendCategories() {
    return this.trendPoints.map((point) => point.period);
  }

  get trendSeries() {
    return [
      { label: this.reviewLabel(AVG_GIVEN_FIELD), values: this.trendPoints.map((point) => point.given) },
      { label: this.reviewLabel(AVG_RECEIVED_FIELD), values: this.trendPoints.map((point) => point.received) },
    ];
  }

  get npsTrendSeries() {
    return [{ label: this.reviewLabel(NPS_FIELD), values: this.trendPoints.map((point) => point.nps) }];
  }
}
