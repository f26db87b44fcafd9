import { DealerSchema } from '../modules/dealers/dealer.entity';
import { EquipmentModelSchema } from '../modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../modules/equipment/equipment-unit.entity';
import { DepartmentSchema } from '../modules/hospitals/department.entity';
import { HospitalSchema } from '../modules/hospitals/hospital.entity';
import { LibraryDocumentSchema } from '../modules/library/document.entity';
import { GiftSchema } from '../modules/gifts/gift.entity';
import { GiftStockChangeSchema } from '../modules/gifts/gift-stock-change.entity';
import { AddressSchema } from '../modules/addresses/address.entity';
import { RedemptionOrderSchema } from '../modules/redemptions/redemption-order.entity';
import { PointsAccountSchema } from '../modules/points/points-account.entity';
import { PointsEntrySchema } from '../modules/points/points-entry.entity';
import { AuditEventSchema } from '../modules/audit/audit-event.entity';
import { SessionSchema } from '../modules/auth/session.entity';
import { SmsCodeSchema } from '../modules/auth/sms-code.entity';
import { StoredFileSchema } from '../modules/files/stored-file.entity';
import { ConsentEventSchema } from '../modules/privacy/consent-event.entity';
import { PolicyVersionSchema } from '../modules/privacy/policy-version.entity';
import { ProvisionRecordSchema } from '../modules/privacy/provision-record.entity';
import { PiiAccessSchema } from '../modules/privacy/pii-access.entity';
import { PrivacyRequestSchema } from '../modules/privacy-requests/privacy-request.entity';
import { PrivacyRequestEventSchema } from '../modules/privacy-requests/privacy-request-event.entity';
import { UserSchema } from '../modules/users/user.entity';
import { AccessRequestSchema } from '../modules/access/access-request.entity';
import { ManagedDepartmentSchema } from '../modules/access/managed-department.entity';
import { TicketDelegationSchema } from '../modules/tickets/ticket-delegation.entity';
import { TicketSchema } from '../modules/tickets/ticket.entity';
import { TicketEventSchema } from '../modules/tickets/ticket-event.entity';
import { TicketRatingSchema } from '../modules/tickets/ticket-rating.entity';
import { TicketDayCounterSchema } from '../modules/tickets/ticket-day-counter.entity';
import { IdempotencyRecordSchema } from '../core/idempotency/idempotency-record.entity';
import { OutboxMessageSchema } from '../core/outbox/outbox-message.entity';
import { JobRunSchema } from '../core/jobs/job-run.entity';
import { NotificationSchema } from '../modules/notifications/notification.entity';
import { SubscriptionAllowanceSchema } from '../modules/notifications/subscription-allowance.entity';
import { TicketCommentSchema } from '../modules/tickets/ticket-comment.entity';
import { TicketServiceReportSchema } from '../modules/tickets/ticket-service-report.entity';
import { TicketSlaMarkSchema } from '../modules/tickets/ticket-sla-mark.entity';
import { ChatSessionSchema } from '../modules/chat/chat-session.entity';
import { ChatMessageSchema } from '../modules/chat/chat-message.entity';
import { ChatReadSchema } from '../modules/chat/chat-read.entity';
import { QuickAnswerSchema } from '../modules/chat/quick-answer.entity';
import { DocumentViewSchema } from '../modules/library/document-view.entity';

/** Every entity the ORM knows; listed by hand so no folder scanning happens at start. */
export const ENTITIES = [
  HospitalSchema,
  DepartmentSchema,
  EquipmentModelSchema,
  EquipmentUnitSchema,
  DealerSchema,
  LibraryDocumentSchema,
  GiftSchema,
  GiftStockChangeSchema,
  AddressSchema,
  RedemptionOrderSchema,
  UserSchema,
  SessionSchema,
  SmsCodeSchema,
  PolicyVersionSchema,
  ConsentEventSchema,
  StoredFileSchema,
  AuditEventSchema,
  TicketSchema,
  TicketDelegationSchema,
  AccessRequestSchema,
  ManagedDepartmentSchema,
  ProvisionRecordSchema,
  PiiAccessSchema,
  PrivacyRequestSchema,
  PrivacyRequestEventSchema,
  TicketEventSchema,
  IdempotencyRecordSchema,
  TicketRatingSchema,
  TicketDayCounterSchema,
  OutboxMessageSchema,
  JobRunSchema,
  NotificationSchema,
  SubscriptionAllowanceSchema,
  TicketCommentSchema,
  TicketServiceReportSchema,
  TicketSlaMarkSchema,
  ChatSessionSchema,
  ChatMessageSchema,
  ChatReadSchema,
  QuickAnswerSchema,
  DocumentViewSchema,
  PointsAccountSchema,
  PointsEntrySchema,
];
