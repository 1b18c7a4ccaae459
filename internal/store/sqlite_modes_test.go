package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"chorus/internal/chorus"
)

// TestFilesAreTheOwnersOnly: whatever the umask, the data directory
// Chorus makes is 0700, and the database, its -wal and -shm, and the
// server's lock file are 0600 (issue 16): they hold personal data.
func TestFilesAreTheOwnersOnly(t *testing.T) {
	for _, umask := range []int{0, 0o022} {
		old := syscall.Umask(umask)
		dir := filepath.Join(t.TempDir(), "data", "chorus")
		s, err := OpenSQLite(context.Background(), Options{DataDir: dir, Server: true})
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveService(context.Background(), chorus.Service{ID: "svc-a", Name: "A"}); err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]os.FileMode{"": 0o700, "chorus.db": 0o600, "chorus.db-wal": 0o600, "chorus.db-shm": 0o600, "chorus.lock": 0o600} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Errorf("umask %03o: %v", umask, err)
				continue
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("umask %03o: %s is %03o, want %03o", umask, filepath.Join(dir, name), got, want)
			}
		}
		if err := s.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}
