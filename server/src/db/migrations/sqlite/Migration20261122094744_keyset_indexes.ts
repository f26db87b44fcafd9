import { Migration } from '@mikro-orm/migrations';

export class Migration20261122094744_keyset_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`notification_user_id_read_at_id_index\` on \`notification\` (\`user_id\`, \`read_at\`, \`id\`);`);

    this.addSql(`drop index \`ticket_reporter_id_index\`;`);
    this.addSql(`drop index \`ticket_assigned_engineer_id_index\`;`);

    this.addSql(`create index \`ticket_reporter_id_id_index\` on \`ticket\` (\`reporter_id\`, \`id\`);`);
    this.addSql(`create index \`ticket_department_id_id_index\` on \`ticket\` (\`department_id\`, \`id\`);`);
    this.addSql(`create index \`ticket_assigned_engineer_id_id_index\` on \`ticket\` (\`assigned_engineer_id\`, \`id\`);`);
    this.addSql(`create index "ticket_queue_index" on "ticket" ("id") where "status" = 'submitted' and "assigned_engineer_id" is null;`);

    this.addSql(`create index "ticket_delegation_active_index" on "ticket_delegation" ("dealer_id", "ticket_id") where "ended_at" is null;`);
  }

}
