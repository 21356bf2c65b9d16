import { renderBlockKit } from '../../../src/bots/slack/render/block-kit.js';
import { renderAdaptiveCard, TEAMS_IMAGE_MAX_BASE64 } from '../../../src/bots/teams/adaptive-card.js';
import { teamsActivity } from '../../../src/bots/teams/teams-chat-notifier.js';
import type { ChatImage, ChatMessage } from '../../../src/core/views/chat-message.js';

const image = (full: number, compact?: number): ChatImage => ({
  pngBase64: 'A'.repeat(full),
  ...(compact ? { compactPngBase64: 'B'.repeat(compact) } : {}),
  width: 640,
  height: 300,
  alt: 'Renewals digest, bar chart',
  title: 'Renewals digest, week of 2026-03-02',
  fileName: 'renewals-digest-2026-03-02.png',
});
const digest = (img: ChatImage): ChatMessage => ({
  text: 'Renewals digest',
  image: img,
  card: { title: 'Renewals digest', subtitle: '2 contracts', sections: [{ kind: 'text', text: '• C-1' }] },
});

describe("a message's picture in the renderers", () => {
  it('Teams: an Image element with a data: URI under the title; the compact PNG when the full one is over the budget', () => {
    const small = renderAdaptiveCard(digest(image(1_000, 500))).body as Array<Record<string, unknown>>;
    expect(small.map((e) => e.type)).toEqual(['TextBlock', 'TextBlock', 'Image', 'TextBlock']);
    expect(small[2]).toEqual({
      type: 'Image',
      url: `data:image/png;base64,${'A'.repeat(1_000)}`,
      altText: 'Renewals digest, bar chart',
      size: 'Stretch',
      spacing: 'Medium',
    });
    const big = renderAdaptiveCard(digest(image(TEAMS_IMAGE_MAX_BASE64 + 1, 9_000))).body as Array<Record<string, unknown>>;
    expect(big[2]!.url).toBe(`data:image/png;base64,${'B'.repeat(9_000)}`);
  });

  it('Teams: says the chart was left out when neither rendering fits; a message without a card gets one for its picture', () => {
    const none = renderAdaptiveCard(digest(image(TEAMS_IMAGE_MAX_BASE64 + 1))).body as Array<Record<string, unknown>>;
    expect(none[2]).toMatchObject({ type: 'TextBlock', text: '(Renewals digest, week of 2026-03-02: chart left out, too large for a Teams card)' });
    const plain = teamsActivity({ text: 'Look', image: image(100) });
    expect(plain.text).toBeUndefined();
    expect((plain.attachments![0]!.content as { body: Array<{ type: string }> }).body.map((e) => e.type)).toEqual(['TextBlock', 'Image']);
  });

  it('Teams: a long card leaves less room for the picture: the compact PNG, or none, so the message stays within ~28 KB', () => {
    const long = (chars: number, img: ChatImage): ChatMessage => ({
      ...digest(img),
      card: { title: 'Upcoming renewals', sections: [{ kind: 'text', text: 'x'.repeat(chars) }] },
    });
    const fits = renderAdaptiveCard(long(2_000, image(19_000, 9_000)));
    expect(JSON.stringify(fits)).toContain('A'.repeat(19_000));
    const tighter = renderAdaptiveCard(long(10_000, image(19_000, 9_000)));
    expect(JSON.stringify(tighter)).toContain(`base64,${'B'.repeat(9_000)}`);
    expect(JSON.stringify(tighter).length).toBeLessThan(27_000);
    const full = renderAdaptiveCard(long(20_000, image(19_000, 9_000)));
    expect((full.body as Array<Record<string, unknown>>).some((e) => e.type === 'Image')).toBe(false);
    expect(JSON.stringify(full)).toContain('chart left out, too large for a Teams card');
  });

  it('Slack: the blocks do not carry the picture (the notifier uploads it as a file)', () => {
    expect(JSON.stringify(renderBlockKit(digest(image(100))))).not.toContain('AAAA');
  });
});
