import { createPublicKey, verify } from 'node:crypto';
import {
  NoteError,
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeyPair,
  keyId,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  signerFromSeed,
} from './checkpoint';
import { MemoryMerkleTree } from './merkle';

// golang.org/x/mod, sumdb/note/note_test.go (TestSign, TestOpen): keys, text and signatures.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const NOTE = `${TEXT}\n${PETER_SIG}`;

/** Verifies with node:crypto from the raw public key alone (SPKI built by hand), independent of the module. */
function independentVerify(publicKey: Buffer, message: string, signature: Buffer): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  return verify(null, Buffer.from(message), createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
}

describe('signed-note keys', () => {
  it('parses the Go vector keys; the signer derives the published verifier key and key ID', () => {
    const v = parseVerifierKey(PETER_VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyIdHex).toBe('c74f20a3');
    expect(keyId('PeterNeumann', v.publicKey).toString('hex')).toBe('c74f20a3');
    const s = parseSignerKey(PETER_SKEY);
    expect(s.verifierKey).toBe(PETER_VKEY);
    expect(s.publicKey).toEqual(v.publicKey);
    const seed = Buffer.from(PETER_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
    expect(formatSignerKey('PeterNeumann', seed)).toBe(PETER_SKEY);
    expect(formatVerifierKey('PeterNeumann', v.publicKey)).toBe(PETER_VKEY);
  });

  it('generates key pairs whose raw bytes and strings agree', () => {
    const k = generateNoteKeyPair('example.org/procurement-log');
    expect(k.seed.length).toBe(32);
    expect(k.publicKey.length).toBe(32);
    expect(parseSignerKey(k.signerKey).verifierKey).toBe(k.verifierKey);
    expect(parseVerifierKey(k.verifierKey).publicKey).toEqual(k.publicKey);
    expect(signerFromSeed(k.name, k.seed).publicKey).toEqual(k.publicKey);
    const sig = signerFromSeed(k.name, k.seed).sign(Buffer.from('x\n'));
    expect(independentVerify(k.publicKey, 'x\n', sig)).toBe(true);
  });

  it('refuses bad names and mangled keys', () => {
    for (const name of ['', 'a b', 'a+b', 'tab\tname', 'nbsp\u00a0name', 'lone\ud800']) {
      expect(() => generateNoteKeyPair(name)).toThrow(NoteError);
    }
    const bad = [
      PETER_VKEY.replace('c74f20a3', 'c74f20a4'), // key ID that does not match
      PETER_VKEY.replace('c74f20a3', 'C74F20A3'), // hex must be lowercase
      PETER_VKEY.replace('PeterNeumann', 'PeterNeuman'), // name not the one hashed
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', // Go: wrong key length
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // Go: unknown algorithm
      PETER_VKEY.slice(0, -1),
      `${PETER_VKEY}+extra`,
      `a b+${PETER_VKEY.split('+').slice(1).join('+')}`,
    ];
    for (const k of bad) expect(() => parseVerifierKey(k)).toThrow(NoteError);
    // Like Go's TestNewVerifier / TestNewSigner: no proper substring and no one-byte change is accepted.
    for (const key of [PETER_VKEY, PETER_SKEY]) {
      const parse = key === PETER_VKEY ? parseVerifierKey : parseSignerKey;
      for (let i = 0; i < key.length; i++) {
        expect(() => parse(key.slice(0, i) + key.slice(i + 1))).toThrow();
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(() => parse(changed)).toThrow();
      }
    }
  });
});

describe('signed notes', () => {
  it('signing the Go vector text with the Go vector key gives exactly the published note (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, parseSignerKey(PETER_SKEY))).toBe(NOTE);
    const sig = Buffer.from(PETER_SIG.split(' ')[2].trim(), 'base64');
    expect(sig.subarray(0, 4).toString('hex')).toBe('c74f20a3');
    expect(independentVerify(parseVerifierKey(PETER_VKEY).publicKey, TEXT, sig.subarray(4))).toBe(true);
  });

  it('opens the Go vector note, as text or bytes', () => {
    for (const note of [NOTE, Buffer.from(NOTE, 'utf8')]) {
      const opened = openNote(note, [PETER_VKEY]);
      expect(opened.text).toBe(TEXT);
      expect(opened.verified).toEqual([
        {
          name: 'PeterNeumann',
          keyIdHex: 'c74f20a3',
          base64: 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
        },
      ]);
      expect(opened.unverified).toEqual([]);
    }
  });

  it('several signatures: known ones verified, unknown ones ignored and reported (Go TestOpen)', () => {
    const two = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const onlyPeter = openNote(two, [PETER_VKEY]);
    expect(onlyPeter.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(onlyPeter.unverified.map((s) => `${s.name}+${s.keyIdHex}`)).toEqual(['EnochRoot+af0cfe78']);
    const both = openNote(two, [PETER_VKEY, ENOCH_VKEY]);
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(() => openNote(two, [])).toThrow('note has no verifiable signatures');
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [PETER_VKEY])).toThrow('note has no verifiable signatures');
    // A signature line repeated counts once.
    expect(openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}`, [PETER_VKEY]).verified).toHaveLength(1);
    // Same name, other key ID, or same ID, other name: unknown, hence ignored.
    const otherId = PETER_SIG.replace('x08go', 'x08gp');
    expect(openNote(`${TEXT}\n${otherId}${PETER_SIG}`, [PETER_VKEY]).unverified).toHaveLength(1);
  });

  it('signs with several keys, our own round trip', () => {
    const a = generateNoteKeyPair('log.example/a');
    const b = generateNoteKeyPair('witness.example/b');
    const note = signNote('hello\n\nworld\n', parseSignerKey(a.signerKey), parseSignerKey(b.signerKey));
    const opened = openNote(note, [a.verifierKey, b.verifierKey]);
    expect(opened.text).toBe('hello\n\nworld\n'); // blank lines inside the text: the last one separates
    expect(opened.verified.map((s) => s.name)).toEqual(['log.example/a', 'witness.example/b']);
  });

  it('refuses a tampered text, signature or key name, and an invalid signature from a known key', () => {
    expect(() => openNote(NOTE.replace('problem,', 'problem;'), [PETER_VKEY])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
    // Go TestOpen: "ABCD" inserted inside the signature.
    expect(() => openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [PETER_VKEY])).toThrow(
      'invalid signature for key PeterNeumann+c74f20a3',
    );
    const sig = Buffer.from(PETER_SIG.split(' ')[2].trim(), 'base64');
    sig[40] ^= 1;
    expect(() => openNote(`${TEXT}\n— PeterNeumann ${sig.toString('base64')}\n`, [PETER_VKEY])).toThrow('invalid signature');
    // A valid signature from a known key does not save a note that also carries a bad one from a known key.
    expect(() => openNote(`${TEXT}\n${PETER_SIG}— PeterNeumann ${sig.toString('base64')}\n`, [PETER_VKEY])).toThrow('invalid signature');
    // Renamed key: unknown, so the note has no verifiable signature.
    expect(() => openNote(NOTE.replace('— PeterNeumann', '— PeterNeumann2'), [PETER_VKEY])).toThrow('no verifiable signatures');
  });

  it('refuses malformed notes (Go TestOpen bad messages and more)', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.replace('—', '-')}`,
      `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`, // non-canonical base64 (padding dropped)
      `${TEXT}\n— PeterNeumann AAAA\n`, // shorter than a key ID and a signature
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const note of bad) expect(() => openNote(note, [PETER_VKEY])).toThrow(/^malformed note/);
    expect(() => openNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(NOTE)]), [PETER_VKEY])).toThrow(
      'malformed note: not valid UTF-8',
    );
    expect(() => signNote('abc', parseSignerKey(PETER_SKEY))).toThrow(/malformed note/);
    expect(() => signNote('a\tb\n', parseSignerKey(PETER_SKEY))).toThrow(/control character/);
    expect(() => signNote('ok\n')).toThrow(/at least one signer/);
  });

  it('refuses two different trusted keys under the same name and key ID when they sign', () => {
    const real = parseVerifierKey(PETER_VKEY);
    const impostor = { ...real, publicKey: Buffer.alloc(32, 7), verify: () => true };
    expect(() => openNote(NOTE, [real, impostor])).toThrow('ambiguous key PeterNeumann+c74f20a3');
    expect(openNote(NOTE, [real, real]).verified).toHaveLength(1);
  });
});

describe('checkpoints', () => {
  const root = Buffer.from('0a5c5cc1d7b0a2bb27e8d3aa4c2f4a8bd8e1f3c9a4e7c1b2d3e4f5a6b7c8d9e0', 'hex');

  it('formats the tlog-checkpoint body and parses it back', () => {
    const text = formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: root });
    expect(text).toBe(`example.com/behind-the-sofa\n20852163\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: root });
    const withExt = formatCheckpoint({ origin: 'o', size: 0, rootHash: root, extensions: ['ext one', 'ext two'] });
    expect(parseCheckpoint(withExt)).toEqual({ origin: 'o', size: 0, rootHash: root, extensions: ['ext one', 'ext two'] });
  });

  it('opens a real sum.golang.org checkpoint (tree size 13485) with the Go toolchain key', () => {
    // Key pinned in cmd/go (modfetch/key.go); checkpoint and signature as quoted in google/trillian-examples'
    // gossip client test. The key name is not the origin there, which the format allows.
    const vkey = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
    const note =
      'go.sum database tree\n13485\n/ZWur4obeiqK+ASdnPK+/Rmz6LPQMUeSmHh0+UkL54Y=\n\n' +
      '— sum.golang.org Az3grnQReYTvpCrRxT+w50vixbqBlB/aPS8bL8f8KW4HHP+UjLSXOJgCh4f54n8hO6lrESglzyRXMXnhaWzaeY3zqw8=\n';
    const { checkpoint, note: opened } = openCheckpoint(note, [vkey], 'go.sum database tree');
    expect(checkpoint.size).toBe(13485);
    expect(checkpoint.rootHash.toString('base64')).toBe('/ZWur4obeiqK+ASdnPK+/Rmz6LPQMUeSmHh0+UkL54Y=');
    expect(opened.verified.map((s) => s.keyIdHex)).toEqual(['033de0ae']);
    expect(() => openCheckpoint(note.replace('13485', '13486'), [vkey])).toThrow('invalid signature');
  });

  it('parses the C2SP spec example body', () => {
    const cp = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(cp.size).toBe(20852163);
    expect(cp.rootHash.length).toBe(32);
  });

  it('refuses malformed checkpoints', () => {
    const r = root.toString('base64');
    const bad = [
      `o\n1\n${r}`, // no final newline
      `o\n1\n`, // two lines
      `\n1\n${r}\n`, // empty origin
      `o\n01\n${r}\n`, // leading zero
      `o\n-1\n${r}\n`,
      `o\n+1\n${r}\n`,
      `o\n1.0\n${r}\n`,
      `o\n 1\n${r}\n`,
      `o\n99999999999999999999\n${r}\n`, // above 2^53
      `o\n1\n${root.subarray(0, 31).toString('base64')}\n`, // 31 bytes
      `o\n1\n${r.replace('=', '')}\n`, // padding dropped
      `o\n1\n${r}\n\n`, // empty extension line
      `o\r\n1\n${r}\n`, // a control character
    ];
    for (const t of bad) expect(() => parseCheckpoint(t)).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: root })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root.subarray(1) })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root, extensions: [''] })).toThrow(NoteError);
  });

  it('signs a checkpoint of a real tree and opens it, checking the origin', () => {
    const tree = new MemoryMerkleTree();
    for (let i = 0; i < 10; i++) tree.appendEntry(Buffer.from(`event ${i}`));
    const key = generateNoteKeyPair('procurement.example/log');
    const note = signCheckpoint({ origin: key.name, size: tree.size, rootHash: tree.root() }, parseSignerKey(key.signerKey));
    const { checkpoint } = openCheckpoint(note, [key.verifierKey], key.name);
    expect(checkpoint).toEqual({ origin: key.name, size: 10, rootHash: tree.root() });
    expect(() => openCheckpoint(note, [key.verifierKey], 'other.example/log')).toThrow(/origin/);
    const other = generateNoteKeyPair('procurement.example/log');
    expect(() => openCheckpoint(note, [other.verifierKey])).toThrow('no verifiable signatures');
  });
});
