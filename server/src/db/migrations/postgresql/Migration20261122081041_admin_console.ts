import { Migration } from '@mikro-orm/migrations';

export class Migration20261122081041_admin_console extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "name_index" varchar(64) null, add column "disabled_at" timestamptz null, add column "disabled_reason" varchar(200) null;`);
    this.addSql(`create index "app_user_name_index_index" on "app_user" ("name_index");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "app_user_name_index_index";`);
    this.addSql(`alter table "app_user" drop column "name_index", drop column "disabled_at", drop column "disabled_reason";`);
  }

}
