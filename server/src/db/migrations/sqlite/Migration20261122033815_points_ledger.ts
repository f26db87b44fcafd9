import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033815_points_ledger extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`points_account\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`balance\` integer not null default 0, \`last_seq\` integer not null default 0, \`updated_at\` datetime not null, primary key (\`id\`), constraint points_account_balance_check check (balance >= 0));`);
    this.addSql(`create unique index \`points_account_user_id_unique\` on \`points_account\` (\`user_id\`);`);

    this.addSql(`create table \`points_entry\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`delta\` integer not null, \`balance_after\` integer not null, \`seq\` integer not null, \`reason\` text not null, \`reference\` text null, \`idempotency_key\` text not null, \`actor_id\` text null, \`note\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`points_entry_idempotency_key_unique\` on \`points_entry\` (\`idempotency_key\`);`);
    this.addSql(`create index \`points_entry_user_id_id_index\` on \`points_entry\` (\`user_id\`, \`id\`);`);
    this.addSql(`create index \`points_entry_user_id_seq_index\` on \`points_entry\` (\`user_id\`, \`seq\`);`);
    this.addSql(`create index \`points_entry_user_id_reason_created_at_index\` on \`points_entry\` (\`user_id\`, \`reason\`, \`created_at\`);`);
  }

}
