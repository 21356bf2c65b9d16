import { approvalChannels, parseChannelSetting } from '../../src/config/chat-channels.js';

describe('chat channel settings (parsed in one place for the web process and the worker)', () => {
  it('approval channels: Slack and Teams ids, each one or several separated by commas, blanks ignored', () => {
    expect(approvalChannels({ SLACK_APPROVALS_CHANNEL: ' C0A, C0B ,', TEAMS_APPROVALS_CHANNEL: '19:approvals@thread.tacv2' })).toEqual([
      { kind: 'channel', platform: 'slack', channelId: 'C0A' },
      { kind: 'channel', platform: 'slack', channelId: 'C0B' },
      { kind: 'channel', platform: 'teams', channelId: '19:approvals@thread.tacv2' },
    ]);
    expect(approvalChannels({ SLACK_APPROVALS_CHANNEL: undefined, TEAMS_APPROVALS_CHANNEL: undefined })).toEqual([]);
  });

  it('one channel on either platform: slack:…, teams:…, or a bare (Slack) id', () => {
    expect(parseChannelSetting('teams:19:abc@thread.tacv2')).toEqual({ kind: 'channel', platform: 'teams', channelId: '19:abc@thread.tacv2' });
    expect(parseChannelSetting('slack:C0123')).toEqual({ kind: 'channel', platform: 'slack', channelId: 'C0123' });
    expect(parseChannelSetting(' C0456 ')).toEqual({ kind: 'channel', platform: 'slack', channelId: 'C0456' });
    expect(parseChannelSetting('')).toBeUndefined();
    expect(parseChannelSetting(undefined)).toBeUndefined();
  });
});
