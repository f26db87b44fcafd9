import { Migration } from '@mikro-orm/migrations';

export class Migration20261122003131_provisions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`provision_record\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`subject_user_id\` text not null, \`dealer_id\` text not null, \`recipient_user_id\` text not null, \`purpose\` text not null, \`fields\` json not null, \`request_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`provision_record_ticket_id_index\` on \`provision_record\` (\`ticket_id\`);`);
    this.addSql(`create index \`provision_record_subject_user_id_index\` on \`provision_record\` (\`subject_user_id\`);`);
    this.addSql(`create index \`provision_record_dealer_id_index\` on \`provision_record\` (\`dealer_id\`);`);
  }

}
