import { teamsFileAttachments, TEAMS_FILE_DOWNLOAD_INFO } from '../../../src/bots/teams/ask/teams-file-attachments.js';
import { parseTeamsCommand } from '../../../src/bots/teams/teams-commands.js';

describe('Teams file attachments', () => {
  it('finds files shared in a personal chat and plain contentUrl attachments, not the message HTML or cards', () => {
    const files = teamsFileAttachments({
      attachments: [
        { contentType: 'text/html', content: '<p>here</p>', contentUrl: 'https://x.example/html' },
        { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'acme.pdf', content: { downloadUrl: 'https://files.example/acme.pdf?sig=1', fileType: 'pdf' } },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
        { contentType: 'application/pdf', name: 'globex.pdf', contentUrl: 'https://files.example/globex.pdf' },
        { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'broken.pdf', content: { downloadUrl: 'not a url' } },
      ],
    });
    expect(files).toEqual([
      { name: 'acme.pdf', url: 'https://files.example/acme.pdf?sig=1' },
      { name: 'globex.pdf', url: 'https://files.example/globex.pdf' },
    ]);
    expect(teamsFileAttachments({})).toEqual([]);
  });

  it('understands "contract import"', () => {
    expect(parseTeamsCommand('contract import')).toEqual({ command: { kind: 'import' } });
  });
});
