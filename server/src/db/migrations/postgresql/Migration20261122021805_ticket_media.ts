import { Migration } from '@mikro-orm/migrations';

export class Migration20261122021805_ticket_media extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "stored_file" add column "ticket_id" uuid null, add column "comment_id" uuid null;`);
    this.addSql(`create index "stored_file_ticket_id_index" on "stored_file" ("ticket_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "stored_file_ticket_id_index";`);
    this.addSql(`alter table "stored_file" drop column "ticket_id", drop column "comment_id";`);
  }

}
