import { Migration } from '@mikro-orm/migrations';

export class Migration20261122021805_ticket_media extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`stored_file\` add column \`ticket_id\` text null;`);
    this.addSql(`alter table \`stored_file\` add column \`comment_id\` text null;`);
    this.addSql(`create index \`stored_file_ticket_id_index\` on \`stored_file\` (\`ticket_id\`);`);
  }

}
