// Package auth signs people in: officers and admins with a password and a
// browser session, Quality Checkers with a one-time code and a long-lived
// device session. It slows repeated failures and writes the audit log of
// every sign-in, sign-out, code, revocation and user change.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id settings: OWASP's first recommended set (19 MiB, 2 passes),
// about 50–100 ms on a small server.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an argon2id hash of the password in PHC string form.
func HashPassword(password string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// CheckPassword reports whether password matches the hash.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when an email is unknown, so that the answer
// takes as long as for a known one.
var dummyHash = HashPassword("no such user: this hash only spends time")

// CheckPasswordRules says what is wrong with a new password, if anything.
func CheckPasswordRules(password string) error {
	switch n := len([]rune(password)); {
	case n < 12:
		return errors.New("the password must have at least 12 characters: a few words together make a good one")
	case n > 256:
		return errors.New("the password must have at most 256 characters")
	}
	return nil
}

// newToken returns a random token of 256 bits and the hash under which it
// is stored.
func newToken() (token, id string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

// hashToken is the stored id of a token, code or session.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// codeAlphabet has no letters or digits that look alike (0/O, 1/I/L, U/V).
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ"

// newCode returns a one-time sign-in code of 8 characters, shown as
// ABCD-EFGH: 29⁸, about 500 billion, possible.
func newCode() string {
	const limit = 256 - 256%len(codeAlphabet)
	out := make([]byte, 0, 9)
	var b [1]byte
	for len(out) < 9 {
		if len(out) == 4 {
			out = append(out, '-')
			continue
		}
		_, _ = rand.Read(b[:])
		if int(b[0]) < limit {
			out = append(out, codeAlphabet[int(b[0])%len(codeAlphabet)])
		}
	}
	return string(out)
}

// normaliseCode reads a code as a person may type it: any case, with or
// without the dash or spaces.
func normaliseCode(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer("-", "", " ", "").Replace(s)
	if len(s) == 8 {
		s = s[:4] + "-" + s[4:]
	}
	return s
}

// newID returns a random internal id for a user or volunteer.
func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
