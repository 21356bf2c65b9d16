import { approvalChannels, channelSettingOrPlayground, parseChannelSetting } from '../../src/config/chat-channels.js';

const OFF = { PLAYGROUND: 'off', NODE_ENV: 'development', TEAMS_ALLOW_UNAUTHENTICATED: false } as const;
const PLAYGROUND = { PLAYGROUND: 'auto', NODE_ENV: 'development', TEAMS_ALLOW_UNAUTHENTICATED: false } as const;

describe('chat channel settings (parsed in one place for the web process and the worker)', () => {
  it('approval channels: Slack and Teams ids, each one or several separated by commas, blanks ignored', () => {
    expect(approvalChannels({ ...OFF, SLACK_APPROVALS_CHANNEL: ' C0A, C0B ,', TEAMS_APPROVALS_CHANNEL: '19:approvals@thread.tacv2' })).toEqual([
      { kind: 'channel', platform: 'slack', channelId: 'C0A' },
      { kind: 'channel', platform: 'slack', channelId: 'C0B' },
      { kind: 'channel', platform: 'teams', channelId: '19:approvals@thread.tacv2' },
    ]);
    expect(approvalChannels({ ...OFF, SLACK_APPROVALS_CHANNEL: undefined, TEAMS_APPROVALS_CHANNEL: undefined })).toEqual([]);
  });

  it('the playground adds its #approvals, and #renewals where no renewals or digest channel is set', () => {
    expect(approvalChannels({ ...PLAYGROUND, SLACK_APPROVALS_CHANNEL: undefined, TEAMS_APPROVALS_CHANNEL: undefined })).toEqual([
      { kind: 'channel', platform: 'web', channelId: 'approvals' },
    ]);
    expect(channelSettingOrPlayground(undefined, PLAYGROUND)).toEqual({ kind: 'channel', platform: 'web', channelId: 'renewals' });
    expect(channelSettingOrPlayground('slack:C0R', PLAYGROUND)).toEqual({ kind: 'channel', platform: 'slack', channelId: 'C0R' });
    expect(channelSettingOrPlayground(undefined, OFF)).toBeUndefined();
  });

  it('one channel on any platform: slack:…, teams:…, web:…, or a bare (Slack) id', () => {
    expect(parseChannelSetting('teams:19:abc@thread.tacv2')).toEqual({ kind: 'channel', platform: 'teams', channelId: '19:abc@thread.tacv2' });
    expect(parseChannelSetting('slack:C0123')).toEqual({ kind: 'channel', platform: 'slack', channelId: 'C0123' });
    expect(parseChannelSetting('web:renewals')).toEqual({ kind: 'channel', platform: 'web', channelId: 'renewals' });
    expect(parseChannelSetting(' C0456 ')).toEqual({ kind: 'channel', platform: 'slack', channelId: 'C0456' });
    expect(parseChannelSetting('')).toBeUndefined();
    expect(parseChannelSetting(undefined)).toBeUndefined();
  });
});
