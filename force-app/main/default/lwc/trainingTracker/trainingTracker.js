import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import DIR from '@salesforce/i18n/dir';
import TRAINING_RECORD_OBJECT from '@salesforce/schema/Training_Record__c';
import ID_FIELD from '@salesforce/schema/Training_Record__c.Id';
import STATUS_FIELD from '@salesforce/schema/Training_Record__c.Status__c';
import SCORE_FIELD from '@salesforce/schema/Training_Record__c.Score__c';
import RESULT_FIELD from '@salesforce/schema/Training_Record__c.Result__c';
import COMPLETED_ON_FIELD from '@salesforce/schema/Training_Record__c.Completed_On__c';
import DUE_ON_FIELD from '@salesforce/schema/Training_Record__c.Due_On__c';
import COURSE_FIELD from '@salesforce/schema/Training_Record__c.Course__c';
import MARKET_FIELD from '@salesforce/schema/Training_Record__c.Market__c';
import CERT_STATUS_FIELD from '@salesforce/schema/Training_Record__c.Cert_Status__c';
import CERT_EXPIRES_FIELD from '@salesforce/schema/Training_Record__c.Cert_Expires_On__c';
import IS_MY_MARKET_FIELD from '@salesforce/schema/Training_Record__c.Is_My_Market__c';
import TITLE from '@salesforce/label/c.Glocal_Training_Title';
import PARTICIPANT from '@salesforce/label/c.Glocal_Training_Participant';
import ACTIONS from '@salesforce/label/c.Glocal_Training_Actions';
import ALL from '@salesforce/label/c.Glocal_Training_All';
import FILTERS from '@salesforce/label/c.Glocal_Training_Filters';
import EXPIRING_WITHIN from '@salesforce/label/c.Glocal_Training_Expiring_Within';
import OVERDUE from '@salesforce/label/c.Glocal_Training_Overdue';
import CERT_CURRENT from '@salesforce/label/c.Glocal_Training_Cert_Current';
import CERT_EXPIRING from '@salesforce/label/c.Glocal_Training_Cert_Expiring';
import CERT_EXPIRED from '@salesforce/label/c.Glocal_Training_Cert_Expired';
import CERT_UNTIL from '@salesforce/label/c.Glocal_Training_Cert_Until';
import MARK_COMPLETED from '@salesforce/label/c.Glocal_Training_Mark_Completed';
import MARK_COMPLETED_FOR from '@salesforce/label/c.Glocal_Training_Mark_Completed_For';
import SAVE from '@salesforce/label/c.Glocal_Form_Save';
import CANCEL from '@salesforce/label/c.Glocal_Form_Cancel';
import SCORE_RANGE from '@salesforce/label/c.Glocal_Training_Score_Range';
import COMPLETED_TOAST from '@salesforce/label/c.Glocal_Training_Completed_Toast';
import SAVE_ERROR from '@salesforce/label/c.Glocal_Training_Save_Error';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Training_Load_Error';
import EMPTY from '@salesforce/label/c.Glocal_Training_Empty';
import EMPTY_FILTERED from '@salesforce/label/c.Glocal_Training_Empty_Filtered';
import RECORD_COUNT from '@salesforce/label/c.Glocal_Training_Record_Count';
import PAGE_OF from '@salesforce/label/c.Glocal_Training_Page_Of';
import PREVIOUS_PAGE from '@salesforce/label/c.Glocal_Training_Previous_Page';
import NEXT_PAGE from '@salesforce/label/c.Glocal_Training_Next_Page';
import { formatDate, formatLabel, formatNumber, todayIso, addDays } from 'c/localeFormat';

const PAGE_SIZE = 50;
const COMPLETED = 'Completed';
const PASS = 'Pass';
const FAIL = 'Fail';
const CERT_TEXT = { Current: CERT_CURRENT, Expiring: CERT_EXPIRING, Expired: CERT_EXPIRED };

/**
 * The team's training records: status, due date, result and certificate; overdue and expiring
 * ones stand out; filters by status, course and certificate expiry; "mark completed" with a
 * score right in the list. On a Market page it shows that market's records, elsewhere the
 * records of the markets the user owns.
 */
export default class TrainingTracker extends LightningElement {
  @api recordId;

  /** Mirrors the layout for right-to-left languages. */
  dir = DIR;

  statusFilter = '';
  courseFilter = '';
  expiringWithinDays = '';
  after = null;
  previousCursors = [];
  pageNumber = 1;

  editingId;
  editScore;
  editCompletedOn;
  editError;
  saveError;
  saving = false;
  /** Where keyboard focus goes after the next render: 'editor' or the id of a record's row. */
  focusTarget;

  labels = {
    title: TITLE,
    filters: FILTERS,
    expiringWithin: EXPIRING_WITHIN,
    save: SAVE,
    cancel: CANCEL,
    saveError: SAVE_ERROR,
    loadError: LOAD_ERROR,
    previousPage: PREVIOUS_PAGE,
    nextPage: NEXT_PAGE,
    participant: PARTICIPANT,
    actions: ACTIONS,
    scoreRange: SCORE_RANGE,
  };

  @wire(getObjectInfo, { objectApiName: TRAINING_RECORD_OBJECT })
  recordInfo;

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: STATUS_FIELD })
  statusValues;

  @wire(graphql, {
    query: gql`
      query GlocalActiveCourses {
        uiapi {
          query {
            Training_Course__c(where: { Active__c: { eq: true } }, first: 200, orderBy: { Name: { order: ASC } }) {
              edges {
                node {
                  Id
                  Name {
                    value
                  }
                }
              }
            }
          }
        }
      }
    `,
    operationName: 'GlocalActiveCourses',
  })
  courses;

  @wire(graphql, {
    query: gql`
      query GlocalTrainingRecords($where: Training_Record__c_Filter, $first: Int, $after: String) {
        uiapi {
          query {
            Training_Record__c(
              where: $where
              first: $first
              after: $after
              orderBy: { Due_On__c: { order: ASC, nulls: LAST }, Name: { order: ASC } }
            ) {
              edges {
                node {
                  Id
                  Name {
                    value
                  }
                  Status__c {
                    value
                    displayValue
                  }
                  Due_On__c {
                    value
                  }
                  Completed_On__c {
                    value
                  }
                  Score__c {
                    value
                  }
                  Result__c {
                    value
                    displayValue
                  }
                  Cert_Status__c {
                    value
                  }
                  Cert_Expires_On__c {
                    value
                  }
                  Overdue__c {
                    value
                  }
                  Course__r {
                    Name {
                      value
                    }
                    Passing_Score__c {
                      value
                    }
                  }
                  Participant_User__r {
                    Name {
                      value
                    }
                  }
                  Participant_Contact__r {
                    Name {
                      value
                    }
                  }
                }
              }
              totalCount
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        }
      }
    `,
    variables: '$variables',
    operationName: 'GlocalTrainingRecords',
  })
  records;

  get recordTypeId() {
    return this.recordInfo?.data?.defaultRecordTypeId;
  }

  /** The GraphQL filter: this market (or my markets) plus the chosen filters. */
  get where() {
    const conditions = [
      this.recordId
        ? { [MARKET_FIELD.fieldApiName]: { eq: this.recordId } }
        : { [IS_MY_MARKET_FIELD.fieldApiName]: { eq: true } },
    ];
    if (this.statusFilter) {
      conditions.push({ [STATUS_FIELD.fieldApiName]: { eq: this.statusFilter } });
    }
    if (this.courseFilter) {
      conditions.push({ [COURSE_FIELD.fieldApiName]: { eq: this.courseFilter } });
    }
    if (this.expiringWithinDays !== '') {
      const today = todayIso();
      conditions.push({
        [CERT_EXPIRES_FIELD.fieldApiName]: {
          gte: { value: today },
          lte: { value: addDays(today, Number(this.expiringWithinDays)) },
        },
      });
    }
    return conditions.length === 1 ? conditions[0] : { and: conditions };
  }

  get variables() {
    return { where: this.where, first: PAGE_SIZE, after: this.after };
  }

  get connection() {
    return this.records?.data?.uiapi?.query?.Training_Record__c;
  }

  get loadError() {
    return this.records?.errors ?? this.recordInfo?.error;
  }

  get isLoaded() {
    return !!this.connection;
  }

  fieldLabel(field) {
    return this.recordInfo?.data?.fields?.[field.fieldApiName]?.label ?? '';
  }

  get columns() {
    return {
      course: this.fieldLabel(COURSE_FIELD),
      status: this.fieldLabel(STATUS_FIELD),
      dueOn: this.fieldLabel(DUE_ON_FIELD),
      result: this.fieldLabel(RESULT_FIELD),
      score: this.fieldLabel(SCORE_FIELD),
      certificate: this.fieldLabel(CERT_STATUS_FIELD),
      completedOn: this.fieldLabel(COMPLETED_ON_FIELD),
    };
  }

  get statusOptions() {
    const values = this.statusValues?.data?.values ?? [];
    return [{ label: ALL, value: '' }, ...values.map((entry) => ({ label: entry.label, value: entry.value }))];
  }

  get courseOptions() {
    const edges = this.courses?.data?.uiapi?.query?.Training_Course__c?.edges ?? [];
    return [{ label: ALL, value: '' }, ...edges.map((edge) => ({ label: edge.node.Name.value, value: edge.node.Id }))];
  }

  get rows() {
    const edges = this.connection?.edges ?? [];
    return edges.map(({ node }) => {
      const status = node[STATUS_FIELD.fieldApiName];
      const certStatus = node[CERT_STATUS_FIELD.fieldApiName]?.value;
      const certExpires = node[CERT_EXPIRES_FIELD.fieldApiName]?.value;
      const overdue = node.Overdue__c?.value === true;
      const participant = node.Participant_User__r?.Name?.value ?? node.Participant_Contact__r?.Name?.value ?? '';
      const course = node.Course__r?.Name?.value ?? '';
      const isCompleted = status?.value === COMPLETED;
      const isEditing = node.Id === this.editingId;
      return {
        id: node.Id,
        editKey: `${node.Id}-edit`,
        name: node.Name?.value,
        participant,
        course,
        status: status?.displayValue ?? status?.value ?? '',
        dueOn: formatDate(node[DUE_ON_FIELD.fieldApiName]?.value),
        result: node[RESULT_FIELD.fieldApiName]?.displayValue ?? node[RESULT_FIELD.fieldApiName]?.value ?? '',
        score: formatNumber(node[SCORE_FIELD.fieldApiName]?.value, { maximumFractionDigits: 2 }),
        overdue,
        overdueLabel: OVERDUE,
        certText: CERT_TEXT[certStatus] ?? '',
        certUntil: certExpires ? formatLabel(CERT_UNTIL, formatDate(certExpires)) : '',
        certBadgeClass:
          certStatus === 'Expired'
            ? 'slds-badge slds-theme_error'
            : certStatus === 'Expiring'
              ? 'slds-badge slds-theme_warning'
              : 'slds-badge slds-theme_success',
        rowClass: [
          'record-row',
          overdue ? 'record-row_overdue' : '',
          certStatus === 'Expiring' || certStatus === 'Expired' ? 'record-row_expiring' : '',
        ]
          .filter(Boolean)
          .join(' '),
        canComplete: !isCompleted && !isEditing,
        markCompletedLabel: MARK_COMPLETED,
        markCompletedTitle: formatLabel(MARK_COMPLETED_FOR, participant, course),
        isEditing,
        passingScore: node.Course__r?.Passing_Score__c?.value,
      };
    });
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get hasFilters() {
    return !!(this.statusFilter || this.courseFilter || this.expiringWithinDays !== '');
  }

  get emptyMessage() {
    return this.hasFilters ? EMPTY_FILTERED : EMPTY;
  }

  get totalCount() {
    return this.connection?.totalCount ?? 0;
  }

  get countText() {
    return formatLabel(RECORD_COUNT, formatNumber(this.totalCount));
  }

  get pageText() {
    const pages = Math.max(1, Math.ceil(this.totalCount / PAGE_SIZE));
    return formatLabel(PAGE_OF, formatNumber(this.pageNumber), formatNumber(pages));
  }

  get showPaging() {
    return this.totalCount > PAGE_SIZE;
  }

  get isFirstPage() {
    return this.previousCursors.length === 0;
  }

  get isLastPage() {
    return !this.connection?.pageInfo?.hasNextPage;
  }

  get today() {
    return todayIso();
  }

  resetPaging() {
    this.after = null;
    this.previousCursors = [];
    this.pageNumber = 1;
  }

  handleStatusFilter(event) {
    this.statusFilter = event.detail.value;
    this.resetPaging();
  }

  handleCourseFilter(event) {
    this.courseFilter = event.detail.value;
    this.resetPaging();
  }

  handleExpiringFilter(event) {
    const days = event.detail.value;
    this.expiringWithinDays = days === '' || days === null || Number(days) < 0 ? '' : String(Math.floor(days));
    this.resetPaging();
  }

  handleNextPage() {
    if (this.isLastPage) {
      return;
    }
    this.previousCursors = [...this.previousCursors, this.after];
    this.after = this.connection.pageInfo.endCursor;
    this.pageNumber += 1;
  }

  handlePreviousPage() {
    if (this.isFirstPage) {
      return;
    }
    this.after = this.previousCursors[this.previousCursors.length - 1];
    this.previousCursors = this.previousCursors.slice(0, -1);
    this.pageNumber -= 1;
  }

  handleMarkCompleted(event) {
    this.editingId = event.currentTarget.dataset.id;
    this.focusTarget = 'editor';
    this.editScore = undefined;
    this.editCompletedOn = todayIso();
    this.editError = undefined;
    this.saveError = undefined;
  }

  handleScoreChange(event) {
    this.editScore = event.detail.value;
  }

  handleCompletedOnChange(event) {
    this.editCompletedOn = event.detail.value;
  }

  handleCancelEdit() {
    this.focusTarget = this.editingId;
    this.editingId = undefined;
    this.saveError = undefined;
    this.editError = undefined;
  }

  /** Keyboard users land in the score field when the editor opens, and back on their row after. */
  renderedCallback() {
    if (!this.focusTarget) {
      return;
    }
    const target =
      this.focusTarget === 'editor'
        ? this.template.querySelector('lightning-input.edit-score')
        : (this.template.querySelector(`button.mark-completed[data-id="${this.focusTarget}"]`) ??
          this.template.querySelector(`tr.record-row[data-id="${this.focusTarget}"] th`));
    this.focusTarget = undefined;
    target?.focus();
  }

  /** The same checks as the org's validation rules, so most mistakes never leave the page. */
  validateEdit() {
    const score = this.editScore === '' || this.editScore === undefined ? NaN : Number(this.editScore);
    if (Number.isNaN(score) || score < 0 || score > 100) {
      return SCORE_RANGE;
    }
    return undefined;
  }

  async handleSave() {
    const row = this.rows.find((candidate) => candidate.id === this.editingId);
    this.editError = this.validateEdit();
    if (this.editError || !row) {
      return;
    }
    const score = Number(this.editScore);
    const passed = row.passingScore === null || row.passingScore === undefined || score >= row.passingScore;
    const fields = {
      [ID_FIELD.fieldApiName]: row.id,
      [STATUS_FIELD.fieldApiName]: COMPLETED,
      [SCORE_FIELD.fieldApiName]: score,
      [COMPLETED_ON_FIELD.fieldApiName]: this.editCompletedOn || todayIso(),
      [RESULT_FIELD.fieldApiName]: passed ? PASS : FAIL,
    };
    this.saving = true;
    this.saveError = undefined;
    try {
      await updateRecord({ fields });
      this.focusTarget = this.editingId;
      this.editingId = undefined;
      this.dispatchEvent(
        new ShowToastEvent({
          title: formatLabel(COMPLETED_TOAST, row.participant, row.course),
          variant: 'success',
        })
      );
      await this.records?.refresh?.();
    } catch (error) {
      // The org's own message (e.g. a validation rule) in the user's language.
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }
}
