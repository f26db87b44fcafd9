import { Migration } from '@mikro-orm/migrations';

export class Migration20261122011237_ticket_numbers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ticket_day_counter" ("day" varchar(8) not null, "last" int not null, constraint "ticket_day_counter_pkey" primary key ("day"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_day_counter" cascade;`);
  }

}
