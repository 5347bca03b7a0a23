package contrast

import "testing"

func TestRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want string
	}{
		{"#000000", "#ffffff", "21.00"},
		{"#ffffff", "#ffffff", "1.00"},
		{"#777777", "#ffffff", "4.47"}, // the classic grey that just fails
		{"#767676", "#ffffff", "4.54"}, // and the one that just passes
		{"#1d4e89", "#ffffff", "8.38"}, // the default primary
		{"#a4470e", "#ffffff", "6.02"}, // the default accent
		{"#FFFFFF", "#0000ff", "8.59"},
	}
	for _, tt := range tests {
		r, err := Ratio(tt.a, tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := Format(r); got != tt.want {
			t.Errorf("Ratio(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
	for _, bad := range []string{"", "#fff", "1d4e89", "#1d4e8g", "#1d4e890"} {
		if _, err := Ratio(bad, White); err == nil {
			t.Errorf("Ratio accepted %q", bad)
		}
	}
}

func TestCheck(t *testing.T) {
	if p, bad := Check(Brand("primary", "#1d4e89")); bad {
		t.Errorf("default primary reported: %s", p)
	}
	p, bad := Check(Brand("primary", "#4a90d9"))
	if !bad {
		t.Fatal("a light blue passed")
	}
	want := "the contrast of links in the primary color #4a90d9 on the light grey of the footer (#4a90d9 on #f3f5f8) is 3.06:1; WCAG AA needs at least 4.5:1"
	if p.String() != want {
		t.Errorf("problem:\n%s\nwant:\n%s", p, want)
	}
	if _, bad := Check(Brand("accent", "#ffcc00")); !bad {
		t.Error("white on yellow passed")
	}
}
