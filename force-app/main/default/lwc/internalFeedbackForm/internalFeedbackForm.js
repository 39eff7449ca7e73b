import { LightningElement, api, wire } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import DIR from '@salesforce/i18n/dir';
import INTERNAL_FEEDBACK_OBJECT from '@salesforce/schema/Internal_Feedback__c';
import RATED_UNIT_FIELD from '@salesforce/schema/Internal_Feedback__c.Rated_Unit__c';
import RATING_UNIT_FIELD from '@salesforce/schema/Internal_Feedback__c.Rating_Unit__c';
import PERIOD_FIELD from '@salesforce/schema/Internal_Feedback__c.Period__c';
import COMMUNICATION_FIELD from '@salesforce/schema/Internal_Feedback__c.Communication__c';
import TRUST_FIELD from '@salesforce/schema/Internal_Feedback__c.Trust__c';
import COLLABORATION_FIELD from '@salesforce/schema/Internal_Feedback__c.Collaboration__c';
import CULTURAL_UNDERSTANDING_FIELD from '@salesforce/schema/Internal_Feedback__c.Cultural_Understanding__c';
import CONTINUOUS_IMPROVEMENT_FIELD from '@salesforce/schema/Internal_Feedback__c.Continuous_Improvement__c';
import CSAT_FIELD from '@salesforce/schema/Internal_Feedback__c.CSAT__c';
import COMMENTS_FIELD from '@salesforce/schema/Internal_Feedback__c.Comments__c';
import STATUS_FIELD from '@salesforce/schema/Internal_Feedback__c.Status__c';
import SERVICE_UNIT_OBJECT from '@salesforce/schema/Service_Unit__c';
import TITLE from '@salesforce/label/c.Glocal_Internal_Form_Title';
import SCORES_LEGEND from '@salesforce/label/c.Glocal_Internal_Scores_Legend';
import SUBMIT from '@salesforce/label/c.Glocal_Feedback_Submit';
import CHECK_ENTRIES from '@salesforce/label/c.Glocal_Feedback_Check_Entries';
import SAVED_TOAST from '@salesforce/label/c.Glocal_Feedback_Saved_Toast';
import SAVE_ERROR from '@salesforce/label/c.Glocal_Feedback_Save_Error';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Feedback_Load_Error';
import RATING_UNIT_REQUIRED from '@salesforce/label/c.Glocal_Internal_Rating_Unit_Required';
import NOT_OWN_UNIT from '@salesforce/label/c.Glocal_Internal_Not_Own_Unit';
import PERIOD_FORMAT from '@salesforce/label/c.Glocal_Internal_Period_Format';
import CSAT_REQUIRED from '@salesforce/label/c.Glocal_Internal_Csat_Required';
import { todayIso } from 'c/localeFormat';
import { dimensionRatings, scoredDimensions } from 'c/feedbackScores';

const DIMENSIONS = [
  COMMUNICATION_FIELD,
  TRUST_FIELD,
  COLLABORATION_FIELD,
  CULTURAL_UNDERSTANDING_FIELD,
  CONTINUOUS_IMPROVEMENT_FIELD,
];
const SUBMITTED = 'Submitted';
const PERIOD_PATTERN = /^[0-9]{4}-Q[1-4]$/;

/** The quarter of a YYYY-MM-DD date as the pack writes periods, e.g. 2026-Q4. */
function quarterOf(isoDate) {
  const [year, month] = isoDate.split('-').map(Number);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * Rates a service unit as its internal customer: on whose behalf, for which quarter, the five
 * dimensions and the overall satisfaction (CSAT). Checks the org's rules before saving.
 */
export default class InternalFeedbackForm extends LightningElement {
  /** The rated unit (this Service Unit page). */
  @api recordId;

  dir = DIR;
  ratingUnitId = null;
  period = quarterOf(todayIso());
  scores = {};
  csat = null;
  comments = '';
  problems = [];
  saveError;
  saving = false;

  labels = {
    title: TITLE,
    scoresLegend: SCORES_LEGEND,
    submit: SUBMIT,
    checkEntries: CHECK_ENTRIES,
    saveError: SAVE_ERROR,
    loadError: LOAD_ERROR,
    periodFormat: PERIOD_FORMAT,
  };

  serviceUnitObject = SERVICE_UNIT_OBJECT.objectApiName;

  @wire(getObjectInfo, { objectApiName: INTERNAL_FEEDBACK_OBJECT })
  feedbackInfo;

  get loadError() {
    return this.feedbackInfo?.error;
  }

  get isLoaded() {
    return !!this.feedbackInfo?.data;
  }

  field(field) {
    return this.feedbackInfo?.data?.fields?.[field.fieldApiName] ?? {};
  }

  /** The rated unit cannot rate itself, so the picker does not offer it. */
  get ratingUnitFilter() {
    return this.recordId ? { criteria: [{ fieldPath: 'Id', operator: 'ne', value: this.recordId }] } : undefined;
  }

  get ratingUnitLabel() {
    return this.field(RATING_UNIT_FIELD).label;
  }

  get periodLabel() {
    return this.field(PERIOD_FIELD).label;
  }

  get csatLabel() {
    return this.field(CSAT_FIELD).label;
  }

  get csatHelp() {
    return this.field(CSAT_FIELD).inlineHelpText;
  }

  get commentsLabel() {
    return this.field(COMMENTS_FIELD).label;
  }

  get dimensions() {
    return dimensionRatings(DIMENSIONS, this.feedbackInfo?.data?.fields, this.scores);
  }

  get hasProblems() {
    return this.problems.length > 0;
  }

  get problemItems() {
    return this.problems.map((text) => ({ key: text, text }));
  }

  handleRatingUnitChange(event) {
    this.ratingUnitId = event.detail.recordId ?? null;
  }

  handlePeriodChange(event) {
    this.period = (event.detail.value ?? '').trim();
  }

  handleScoreChange(event) {
    this.scores = { ...this.scores, [event.detail.name]: event.detail.value };
  }

  handleCsatChange(event) {
    this.csat = event.detail.value;
  }

  handleCommentsChange(event) {
    this.comments = event.detail.value ?? '';
  }

  /** The org's validation rules, checked here so the form can explain them first. */
  validate() {
    const problems = [];
    if (!this.ratingUnitId) {
      problems.push(RATING_UNIT_REQUIRED);
    } else if (this.ratingUnitId === this.recordId) {
      problems.push(NOT_OWN_UNIT);
    }
    if (!PERIOD_PATTERN.test(this.period)) {
      problems.push(PERIOD_FORMAT);
    }
    if (this.csat === null || this.csat === undefined) {
      problems.push(CSAT_REQUIRED);
    }
    return problems;
  }

  buildFields() {
    const fields = {
      [RATED_UNIT_FIELD.fieldApiName]: this.recordId,
      [RATING_UNIT_FIELD.fieldApiName]: this.ratingUnitId,
      [PERIOD_FIELD.fieldApiName]: this.period,
      [CSAT_FIELD.fieldApiName]: this.csat,
      [STATUS_FIELD.fieldApiName]: SUBMITTED,
      ...scoredDimensions(DIMENSIONS, this.scores),
    };
    if (this.comments.trim()) {
      fields[COMMENTS_FIELD.fieldApiName] = this.comments.trim();
    }
    return fields;
  }

  async handleSubmit() {
    this.saveError = undefined;
    this.problems = this.validate();
    if (this.problems.length) {
      return;
    }
    this.saving = true;
    try {
      const record = await createRecord({
        apiName: INTERNAL_FEEDBACK_OBJECT.objectApiName,
        fields: this.buildFields(),
      });
      this.dispatchEvent(new ShowToastEvent({ title: SAVED_TOAST, variant: 'success' }));
      this.dispatchEvent(new CustomEvent('feedbacksaved', { detail: { recordId: record?.id } }));
      this.scores = {};
      this.csat = null;
      this.comments = '';
    } catch (error) {
      // The org's own message, e.g. a validation rule, already in the user's language.
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }
}
