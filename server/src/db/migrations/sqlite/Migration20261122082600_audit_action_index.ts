import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082600_audit_action_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`audit_event_action_index\` on \`audit_event\` (\`action\`);`);
  }

}
