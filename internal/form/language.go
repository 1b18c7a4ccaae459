package form

import (
	"regexp"
	"strings"
)

// DefaultLanguage is the main language of a form that names none.
const DefaultLanguage = "en"

// Text directions.
const (
	DirLTR = "ltr"
	DirRTL = "rtl"
)

// languageCode is the part of BCP 47 that forms use: a language (two or
// three letters), then perhaps a script (Latn, Arab, Hant…) and a region
// (GB, PL, 419), each written in its usual case: pl, en-GB, zh-Hant,
// pa-Arab-PK. Codes are compared as written, so they must be written one
// way only.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$`)

// ValidLanguage reports whether code is a language code as forms write
// them (see languageCode).
func ValidLanguage(code string) bool { return languageCode.MatchString(code) }

// languageAdvice says how to write a code that is not one: the same code
// in its usual case when that is all that is wrong.
func languageAdvice(code string) string {
	parts := strings.Split(code, "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToUpper(p)
		}
	}
	if fixed := strings.Join(parts, "-"); fixed != code && ValidLanguage(fixed) {
		return "write it " + fixed
	}
	return "write a BCP 47 code such as en, cy, pl, ar or en-GB"
}

// rtlLanguages are written right to left.
var rtlLanguages = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "ks": true,
	"ps": true, "sd": true, "syr": true, "ug": true, "ur": true, "yi": true,
}

// rtlScripts are scripts written right to left.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true, "Adlm": true, "Rohg": true}

// defaultDir is the direction a language is written in: its script's when
// the code names one, else its own.
func defaultDir(code string) string {
	parts := strings.Split(code, "-")
	for _, p := range parts[1:] {
		if len(p) == 4 {
			if rtlScripts[p] {
				return DirRTL
			}
			return DirLTR
		}
	}
	if rtlLanguages[parts[0]] {
		return DirRTL
	}
	return DirLTR
}

// languageNames name, in their own words, languages that a form's main
// language may be in (a translation gives its own name).
var languageNames = map[string]string{
	"am": "አማርኛ", "ar": "العربية", "bg": "Български", "bn": "বাংলা", "cs": "Čeština",
	"cy": "Cymraeg", "de": "Deutsch", "en": "English", "es": "Español", "fa": "فارسی",
	"fr": "Français", "ga": "Gaeilge", "gd": "Gàidhlig", "gu": "ગુજરાતી", "he": "עברית",
	"hi": "हिन्दी", "hu": "Magyar", "it": "Italiano", "ku": "Kurdî", "lt": "Lietuvių",
	"lv": "Latviešu", "ne": "नेपाली", "pa": "ਪੰਜਾਬੀ", "pl": "Polski", "ps": "پښتو",
	"pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina", "so": "Soomaali",
	"sq": "Shqip", "ta": "தமிழ்", "ti": "ትግርኛ", "tr": "Türkçe", "uk": "Українська",
	"ur": "اردو", "vi": "Tiếng Việt", "yi": "ייִדיש", "zh": "中文",
}

// languageName names a main language: by the list above, else its code.
func languageName(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	if n, ok := languageNames[strings.Split(code, "-")[0]]; ok {
		return n
	}
	return code
}
