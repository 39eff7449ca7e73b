import { Messages, SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { packageRoot, readPackInfo, type PackInfo } from '../../pack/bundledPack.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.info');

/**
 * `--json` result: the bundled pack's name, version and API version, its objects with their custom
 * field counts, permission sets and languages.
 */
export type InfoResult = PackInfo;

export default class Info extends SfCommand<InfoResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public async run(): Promise<InfoResult> {
    await this.parse(Info);
    let info: PackInfo;
    try {
      info = await readPackInfo();
    } catch (error) {
      throw new SfError(
        messages.getMessage('error.packMissing', [packageRoot(), (error as Error).message]),
        'GlocalPackMissing',
        messages.getMessages('error.packMissing.actions')
      );
    }
    this.styledHeader(messages.getMessage('info.header', [info.version, info.apiVersion]));
    this.table({
      title: messages.getMessage('info.objects'),
      data: info.objects.map((object) => ({
        [messages.getMessage('column.apiName')]: object.apiName,
        [messages.getMessage('column.label')]: object.label,
        [messages.getMessage('column.fields')]: object.customFields,
      })),
    });
    this.log(messages.getMessage('info.permissionSets', [info.permissionSets.join(', ')]));
    this.log(messages.getMessage('info.languages', [info.languages.join(', ')]));
    return info;
  }
}
