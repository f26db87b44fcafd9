import { Migration } from '@mikro-orm/migrations';

export class Migration20261122081041_admin_console extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`app_user\` add column \`name_index\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`disabled_at\` datetime null;`);
    this.addSql(`alter table \`app_user\` add column \`disabled_reason\` text null;`);
    this.addSql(`create index \`app_user_name_index_index\` on \`app_user\` (\`name_index\`);`);
  }

}
