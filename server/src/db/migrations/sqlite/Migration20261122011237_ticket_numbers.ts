import { Migration } from '@mikro-orm/migrations';

export class Migration20261122011237_ticket_numbers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`ticket_day_counter\` (\`day\` text not null, \`last\` integer not null, primary key (\`day\`));`);
  }

}
