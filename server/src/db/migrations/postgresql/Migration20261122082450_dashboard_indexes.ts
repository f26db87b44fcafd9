import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082450_dashboard_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "points_entry_created_at_index" on "points_entry" ("created_at");`);

    this.addSql(`create index "ticket_created_at_index" on "ticket" ("created_at");`);

    this.addSql(`create index "ticket_event_kind_created_at_index" on "ticket_event" ("kind", "created_at");`);

    this.addSql(`create index "ticket_rating_created_at_index" on "ticket_rating" ("created_at");`);

    this.addSql(`create index "ticket_sla_mark_kind_created_at_index" on "ticket_sla_mark" ("kind", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "points_entry_created_at_index";`);

    this.addSql(`drop index "ticket_created_at_index";`);

    this.addSql(`drop index "ticket_event_kind_created_at_index";`);

    this.addSql(`drop index "ticket_rating_created_at_index";`);

    this.addSql(`drop index "ticket_sla_mark_kind_created_at_index";`);
  }

}
