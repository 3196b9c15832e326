namespace OpenData.Samples;

/// <summary>People's names for the personal columns: mostly Chinese, some Latin-script (residents from abroad).</summary>
public static class SampleNames
{
    private static readonly string[] ChineseSurnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
        "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
        "欧阳", "司马",
    ];

    private static readonly string[] ChineseGiven =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
        "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "玉兰", "婷", "志强", "晓东", "佳怡",
        "子涵", "浩然", "欣怡", "宇轩", "梓萱", "俊杰", "思远", "雨桐", "嘉怡", "一鸣",
    ];

    private static readonly string[] LatinFirst =
    [
        "James", "Maria", "David", "Anna", "Michael", "Sophie", "Thomas", "Laura", "Pierre", "Elena",
        "Lukas", "Chloé", "João", "Ana", "Hiroshi", "Yuki", "Ahmed", "Fatima", "Olga", "Ivan",
        "Daniel", "Emma", "Carlos", "Lucía", "Min-jun", "Ji-woo", "Liam", "Mia", "Noah", "Zoë",
    ];

    private static readonly string[] LatinLast =
    [
        "Smith", "Müller", "García", "Rossi", "Martin", "Johnson", "Dubois", "Silva", "Tanaka", "Kim",
        "Novak", "Schmidt", "Fernández", "Bianchi", "Brown", "Ivanova", "Nguyen", "O'Brien", "Hansen", "Kowalski",
        "Yamamoto", "Park", "Lefèvre", "Costa", "Wilson", "Jansen", "Andersson", "Papadopoulos", "Haddad", "Okafor",
    ];

    /// <summary>A name: 85% Chinese (surname then one or two given characters), 15% Latin ("First Last").</summary>
    public static string Person(long row, int column, ulong seed)
    {
        if (SampleHash.Below(row, column, seed, 100) < 85)
        {
            var surname = SampleHash.Pick(row, column + 1, seed, ChineseSurnames);
            var given = SampleHash.Pick(row, column + 2, seed, ChineseGiven);
            // Some given names have two characters made of two single ones.
            if (given.Length == 1 && SampleHash.Below(row, column + 3, seed, 100) < 40)
            {
                given += SampleHash.Pick(row, column + 4, seed, ChineseGiven)[0];
            }
            return surname + given;
        }
        return SampleHash.Pick(row, column + 1, seed, LatinFirst) + " " + SampleHash.Pick(row, column + 2, seed, LatinLast);
    }
}
