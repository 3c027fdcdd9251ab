import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationKind, type NotificationStatus } from '../entities/notification.entity.js';

export class NotificationRecipient {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a team mailbox' }) userId: string | null;
  @ApiProperty({ example: 'caseworker@victim-care.example' }) email: string;
}

/** A notification as recorded; never its body. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, description: 'pending: not sent yet (being retried); sent: accepted by the mail server; failed: given up, after the last retry; cancelled: a planned reminder whose duty was met or re-dated before its email went' })
  status: NotificationStatus;
  @ApiProperty({ example: 'Due soon: VJ-2026-000123, Make first contact with the victim after referral (Code right 4)' }) subject: string;
  @ApiProperty({ type: NotificationRecipient }) recipient: NotificationRecipient;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) journeyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) dutyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) areaId: string | null;
  @ApiProperty({ description: 'Attempts to send so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, example: 'EENVELOPE 451', description: "The last failure's class and SMTP code" }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt: Date | null;
}

export class NotificationsPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
}

export class ResendAnswer {
  @ApiProperty({ description: 'Failed emails put back to be sent by the reminders worker' }) resent: number;
}
