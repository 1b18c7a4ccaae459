package reports

import "testing"

func TestReceiptOf(t *testing.T) {
	for in, want := range map[string]string{
		"ch-7k2m-9q":  "CH-7K2M-9Q",
		"CH7K2M9Q":    "CH-7K2M-9Q",
		"ch 7k2m 9q":  "CH-7K2M-9Q",
		"CH-7K2M-9":   "",
		"CH-7K2M-9QX": "",
		"CH-0K2M-9Q":  "", // 0 is not in the alphabet
		"fire door":   "",
		"h":           "",
	} {
		if got := receiptOf(in); got != want {
			t.Errorf("receiptOf(%q) = %q, want %q", in, got, want)
		}
	}
}
