import { LightningElement, api, wire } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import DIR from '@salesforce/i18n/dir';
import IS_PARTNER_USER from '@salesforce/customPermission/Glocal_Partner_User';
import PARTNER_FEEDBACK_OBJECT from '@salesforce/schema/Partner_Feedback__c';
import REVIEW_FIELD from '@salesforce/schema/Partner_Feedback__c.Partner_Review__c';
import DIRECTION_FIELD from '@salesforce/schema/Partner_Feedback__c.Direction__c';
import COMMUNICATION_FIELD from '@salesforce/schema/Partner_Feedback__c.Communication__c';
import TRUST_FIELD from '@salesforce/schema/Partner_Feedback__c.Trust__c';
import COLLABORATION_FIELD from '@salesforce/schema/Partner_Feedback__c.Collaboration__c';
import CULTURAL_UNDERSTANDING_FIELD from '@salesforce/schema/Partner_Feedback__c.Cultural_Understanding__c';
import CONTINUOUS_IMPROVEMENT_FIELD from '@salesforce/schema/Partner_Feedback__c.Continuous_Improvement__c';
import RECOMMEND_FIELD from '@salesforce/schema/Partner_Feedback__c.Recommend__c';
import STRENGTHS_FIELD from '@salesforce/schema/Partner_Feedback__c.Strengths__c';
import IMPROVEMENTS_FIELD from '@salesforce/schema/Partner_Feedback__c.Improvements__c';
import ACTION_ITEMS_FIELD from '@salesforce/schema/Partner_Feedback__c.Action_Items__c';
import STATUS_FIELD from '@salesforce/schema/Partner_Feedback__c.Status__c';
import TITLE from '@salesforce/label/c.Glocal_Feedback_Form_Title';
import SCORES_LEGEND from '@salesforce/label/c.Glocal_Feedback_Scores_Legend';
import SUBMIT from '@salesforce/label/c.Glocal_Feedback_Submit';
import SAVE_DRAFT from '@salesforce/label/c.Glocal_Feedback_Save_Draft';
import DIRECTION_REQUIRED from '@salesforce/label/c.Glocal_Feedback_Direction_Required';
import THREE_SCORES from '@salesforce/label/c.Glocal_Feedback_Three_Scores';
import RECOMMEND_RANGE from '@salesforce/label/c.Glocal_Feedback_Recommend_Range';
import CHECK_ENTRIES from '@salesforce/label/c.Glocal_Feedback_Check_Entries';
import SAVED_TOAST from '@salesforce/label/c.Glocal_Feedback_Saved_Toast';
import SAVE_ERROR from '@salesforce/label/c.Glocal_Feedback_Save_Error';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Feedback_Load_Error';
import { dimensionRatings, scoredDimensions } from 'c/feedbackScores';

const DIMENSIONS = [
  COMMUNICATION_FIELD,
  TRUST_FIELD,
  COLLABORATION_FIELD,
  CULTURAL_UNDERSTANDING_FIELD,
  CONTINUOUS_IMPROVEMENT_FIELD,
];
const PARTNER_TO_COMPANY = 'Partner to Company';
const DRAFT = 'Draft';
const SUBMITTED = 'Submitted';
const MIN_SCORED_TO_SUBMIT = 3;

/**
 * Feedback on a partner review, from us about the partner or from a partner user about us:
 * a 1–5 rating per dimension, how likely they are to recommend (0–10) and free text. The
 * org's validation rules are checked here first, so the form explains itself before saving.
 */
export default class PartnerFeedbackForm extends LightningElement {
  @api recordId;

  dir = DIR;
  direction = IS_PARTNER_USER === true ? PARTNER_TO_COMPANY : '';
  scores = {};
  recommend = '';
  strengths = '';
  improvements = '';
  actionItems = '';
  problems = [];
  saveError;
  saving = false;

  labels = {
    title: TITLE,
    scoresLegend: SCORES_LEGEND,
    submit: SUBMIT,
    saveDraft: SAVE_DRAFT,
    checkEntries: CHECK_ENTRIES,
    saveError: SAVE_ERROR,
    loadError: LOAD_ERROR,
  };

  @wire(getObjectInfo, { objectApiName: PARTNER_FEEDBACK_OBJECT })
  feedbackInfo;

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: DIRECTION_FIELD })
  directionValues;

  get recordTypeId() {
    return this.feedbackInfo?.data?.defaultRecordTypeId;
  }

  get loadError() {
    return this.feedbackInfo?.error ?? this.directionValues?.error;
  }

  get isLoaded() {
    return !!this.feedbackInfo?.data;
  }

  field(field) {
    return this.feedbackInfo?.data?.fields?.[field.fieldApiName] ?? {};
  }

  get isPartnerUser() {
    return IS_PARTNER_USER === true;
  }

  /** Partner users may only give feedback about the company (a validation rule says so too). */
  get directionOptions() {
    const values = this.directionValues?.data?.values ?? [];
    return values
      .filter((entry) => !this.isPartnerUser || entry.value === PARTNER_TO_COMPANY)
      .map((entry) => ({ label: entry.label, value: entry.value }));
  }

  get directionLabel() {
    return this.field(DIRECTION_FIELD).label;
  }

  get dimensions() {
    return dimensionRatings(DIMENSIONS, this.feedbackInfo?.data?.fields, this.scores);
  }

  get recommendLabel() {
    return this.field(RECOMMEND_FIELD).label;
  }

  get recommendHelp() {
    return this.field(RECOMMEND_FIELD).inlineHelpText;
  }

  get strengthsLabel() {
    return this.field(STRENGTHS_FIELD).label;
  }

  get improvementsLabel() {
    return this.field(IMPROVEMENTS_FIELD).label;
  }

  get actionItemsLabel() {
    return this.field(ACTION_ITEMS_FIELD).label;
  }

  get hasProblems() {
    return this.problems.length > 0;
  }

  get problemItems() {
    return this.problems.map((text) => ({ key: text, text }));
  }

  handleDirectionChange(event) {
    this.direction = event.detail.value;
  }

  handleScoreChange(event) {
    this.scores = { ...this.scores, [event.detail.name]: event.detail.value };
  }

  handleRecommendChange(event) {
    this.recommend = event.detail.value ?? '';
  }

  handleTextChange(event) {
    this[event.target.dataset.property] = event.detail.value ?? '';
  }

  /** The org's rules, in the order the user meets the fields. */
  validate(status) {
    const problems = [];
    if (!this.direction) {
      problems.push(DIRECTION_REQUIRED);
    }
    const scored = Object.values(this.scores).filter((value) => value !== null && value !== undefined).length;
    if (status !== DRAFT && scored < MIN_SCORED_TO_SUBMIT) {
      problems.push(THREE_SCORES);
    }
    if (this.recommend !== '' && this.recommend !== null) {
      const recommend = Number(this.recommend);
      if (!Number.isInteger(recommend) || recommend < 0 || recommend > 10) {
        problems.push(RECOMMEND_RANGE);
      }
    }
    return problems;
  }

  /** Only what the user filled in: blank dimensions stay blank, as the Overall formula expects. */
  buildFields(status) {
    const fields = {
      [REVIEW_FIELD.fieldApiName]: this.recordId,
      [DIRECTION_FIELD.fieldApiName]: this.direction,
      [STATUS_FIELD.fieldApiName]: status,
      ...scoredDimensions(DIMENSIONS, this.scores),
    };
    if (this.recommend !== '' && this.recommend !== null) {
      fields[RECOMMEND_FIELD.fieldApiName] = Number(this.recommend);
    }
    const texts = [
      [STRENGTHS_FIELD, this.strengths],
      [IMPROVEMENTS_FIELD, this.improvements],
      [ACTION_ITEMS_FIELD, this.actionItems],
    ];
    for (const [field, text] of texts) {
      if (text.trim()) {
        fields[field.fieldApiName] = text.trim();
      }
    }
    return fields;
  }

  handleSubmit() {
    return this.save(SUBMITTED);
  }

  handleSaveDraft() {
    return this.save(DRAFT);
  }

  async save(status) {
    this.saveError = undefined;
    this.problems = this.validate(status);
    if (this.problems.length) {
      return;
    }
    this.saving = true;
    try {
      const record = await createRecord({
        apiName: PARTNER_FEEDBACK_OBJECT.objectApiName,
        fields: this.buildFields(status),
      });
      this.dispatchEvent(new ShowToastEvent({ title: SAVED_TOAST, variant: 'success' }));
      this.dispatchEvent(new CustomEvent('feedbacksaved', { detail: { recordId: record?.id } }));
      this.reset();
    } catch (error) {
      // The org's own message, e.g. a validation rule, already in the user's language.
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }

  reset() {
    this.direction = this.isPartnerUser ? PARTNER_TO_COMPANY : '';
    this.scores = {};
    this.recommend = '';
    this.strengths = '';
    this.improvements = '';
    this.actionItems = '';
    this.problems = [];
  }
}
