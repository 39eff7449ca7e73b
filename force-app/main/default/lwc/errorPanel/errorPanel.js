import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import GENERIC_ERROR from '@salesforce/label/c.Glocal_Error_Generic';

/** Shows why something failed: a short message of ours and the org's own messages below it. */
export default class ErrorPanel extends LightningElement {
  /** One error or a list (LDS, GraphQL or JavaScript errors). */
  @api errors;
  /** What the user was doing, e.g. "The training records could not be loaded." */
  @api friendlyMessage = GENERIC_ERROR;

  get messages() {
    return reduceErrors(this.errors);
  }

  get hasMessages() {
    return this.messages.length > 0;
  }
}
